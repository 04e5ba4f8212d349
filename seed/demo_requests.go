package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
)

// demoRequests works requests in the app for two demo departments through
// the same Store calls a clerk and the office make, dated back from today
// in working days: some answered (of several results, one disclosed over
// a third party's refusal, one closed as 视为放弃), one waiting for its
// correction, one for a third party, one extension waiting for the
// office and one approved, a correction request (更正申请) forwarded and
// answered, a part forwarded not yet answered, one overdue.
func demoRequests(ctx context.Context, store *models.Store, users map[string]models.Viewer, today time.Time) error {
	cal, err := store.Calendar(ctx)
	if err != nil {
		return err
	}
	now := scoring.DateOf(today)
	// back is the n-th working day before today.
	back := func(n int) scoring.Date {
		d := now
		for n > 0 {
			d--
			if cal.IsWorkingDay(d) {
				n--
			}
		}
		return d
	}
	rs := requests.New(store)
	office := users["office"]
	w := &demoWorker{ctx: ctx, rs: rs, today: now}
	for _, who := range []string{"clerk", "head2"} {
		v := users[who]
		w.v = v
		if who == "head2" {
			w.register(back(40), "当面", "自然人", "赵敏", "320106198805061234", "13912345678", "本所2025年户籍业务办理时限规定")
			w.answer(back(33), "同意公开", "予以公开", "")
			w.register(back(12), "信函", "法律服务机构", "江苏某律师事务所", "913201007777000001", "025-84560000", "某交通事故认定的办理程序规定")
			w.register(back(16), "电子邮件", "自然人", "孙立", "320106197702153456", "13911112222", "辖区电动自行车登记点名单")
			w.extension(back(3), "需会同交警部门核实登记点信息")
			if w.err != nil {
				return fmt.Errorf("demo requests of %s: %w", who, w.err)
			}
			continue
		}
		// Answered, disclosed; an online one forwarded the next day.
		w.register(back(58), "当面", "自然人", "张三丰", "320102199001011234", "13805275678", "2025年第三季度辖区治安案件统计数据")
		w.answer(back(50), "同意公开", "予以公开", "")
		w.online(back(44), back(43), "商业企业", "宿迁某保安服务有限公司", "913213007777000002", "0527-88880000", "保安服务许可办理指南及收费标准")
		w.answer(back(36), "已主动公开", "予以公开", "")
		// Partly disclosed, the fee waived.
		w.register(back(55), "信函", "科研机构", "某大学法学院课题组", "123200007777000003", "025-83590000", "近三年行政处罚案件数量及类别")
		w.reply(requests.Reply{On: back(46), AnswerType: "部分公开", Result: "部分公开", Exemption: "过程性信息", FeeWaived: true, Delivered: back(45), Method: "邮寄"})
		// Refused: a state secret.
		w.register(back(40), "当面", "自然人", "钱多多", "320104198203035678", "13611112222", "某专项行动的部署方案")
		w.reply(requests.Reply{On: back(31), AnswerType: "不同意公开", Result: "不予公开：属于国家秘密", Exemption: "国家秘密", Delivered: back(31), Method: "当面领取"})
		// Cannot be provided.
		w.register(back(35), "传真", "自然人", "周八", "320105199107078888", "13733334444", "2010年以前的治安巡逻记录")
		w.answer(back(28), "信息不存在", "无法提供：本机关不掌握相关政府信息", "")
		// A third party refused; disclosed anyway, with the reason and a notice to it.
		w.register(back(60), "信函", "社会公益组织", "宿迁市某消费者协会", "513213007777000004", "0527-84300000", "某娱乐场所的治安处罚决定")
		w.consult(back(58), "宿迁某娱乐有限公司", "处罚决定涉及该公司经营信息")
		w.third(back(50), requests.Disagree, "认为涉及商业秘密，不同意公开")
		w.reply(requests.Reply{On: back(47), AnswerType: "同意公开", Result: "予以公开", Delivered: back(46), Method: "邮寄",
			DiscloseReason: "处罚决定涉及公共安全，不公开可能对公共利益造成重大影响"})
		// Never corrected: 视为放弃.
		w.register(back(45), "当面", "自然人", "吴九", "320103198512129999", "13855556666", "有关部门的信息")
		w.correction(back(44), "申请内容不明确，请写明所需信息的名称、文号或者便于查询的其他特征性描述")
		w.step(func(id uint) error { return w.rs.Abandon(w.ctx, w.v, id, back(25), w.today) })
		// A correction request (更正申请), forwarded to the unit that may correct it, answered.
		w.kind = models.RequestKindCorrection
		w.register(back(26), "当面", "自然人", "郑十", "320102196609091111", "13977778888", "请求更正公开的某处罚决定中本人姓名的错误")
		w.kind = models.RequestKindDisclosure
		w.transfer(back(25), "法制支队", "更正处罚决定书中的当事人姓名")
		w.unitAnswer(back(21), "法制支队", "已核实并更正")
		w.answer(back(20), "同意公开", "予以公开", "")
		// An extension the office approved, the answer still to come.
		w.register(back(20), "网络", "自然人", "王芳芳", "320102199503033333", "13922223333", "2025年交通违法处理窗口的办理数量")
		w.extension(back(10), "涉及多个大队的数据，需汇总核实")
		w.step(func(id uint) error {
			return w.rs.DecideExtension(w.ctx, office, id, back(9), true, "同意延期", w.today)
		})
		// Overdue: registered, nothing done.
		w.register(back(24), "当面", "自然人", "冯十一", "320108198001011212", "13944445555", "辖区内监控摄像头的设置地点")
		// Waiting for an extension decision.
		w.register(back(14), "信函", "法律服务机构", "江苏某律师事务所", "313200007777000005", "025-86660000", "某案件的受案登记表")
		w.extension(back(2), "申请内容涉及多个案件，需逐一调取")
		// Due soon: registered 13 working days ago.
		w.register(back(13), "当面", "自然人", "陈十二", "320106199202021313", "13966667777", "户籍窗口办理时间及材料清单")
		// Waiting for a third party.
		w.register(back(8), "当面", "商业企业", "宿迁某科技有限公司", "913213007777000006", "0527-81110000", "本公司竞争对手受到的行政处罚")
		w.consult(back(4), "宿迁某电子有限公司", "处罚信息涉及该公司的合法权益")
		// A part forwarded, not yet answered.
		w.register(back(7), "传真", "自然人", "褚十三", "320111197707071414", "13988889999", "治安和交通两类处罚的统计数据")
		w.transfer(back(5), "交警支队", "交通违法处罚统计部分")
		// Waiting for its correction.
		w.register(back(6), "当面", "自然人", "卫十四", "320112199909091515", "13900001111", "相关材料")
		w.correction(back(5), "请写明所需信息的名称或者特征性描述")
		if w.err != nil {
			return fmt.Errorf("demo requests of %s: %w", who, w.err)
		}
	}
	return nil
}

// demoWorker takes the steps of the demo's requests one after another,
// each on the request registered last, keeping the first error.
type demoWorker struct {
	ctx   context.Context
	rs    *requests.Store
	v     models.Viewer
	today scoring.Date
	kind  string
	id    uint
	err   error
}

func (w *demoWorker) step(fn func(id uint) error) {
	if w.err == nil {
		w.err = fn(w.id)
	}
}

func (w *demoWorker) register(on scoring.Date, channel, applicant, name, idNo, contact, content string) {
	w.registerAs(on, 0, channel, applicant, name, idNo, contact, content)
}

func (w *demoWorker) online(on, fwd scoring.Date, applicant, name, idNo, contact, content string) {
	w.registerAs(on, fwd, scoring.ChannelOnline, applicant, name, idNo, contact, content)
}

func (w *demoWorker) registerAs(on, fwd scoring.Date, channel, applicant, name, idNo, contact, content string) {
	if w.err != nil {
		return
	}
	if channel == scoring.ChannelOnline && fwd.IsZero() {
		fwd = on
	}
	q, err := w.rs.Register(w.ctx, w.v, requests.Registration{Department: w.v.DepartmentID, Kind: w.kind, Received: on, Channel: channel, Forwarded: fwd,
		Applicant: applicant, Name: name, IDNo: idNo, Contact: contact, Content: content, DeliveryWanted: "纸质文本"}, w.today)
	if err != nil {
		w.err = err
		return
	}
	w.id = q.ID
}

func (w *demoWorker) answer(on scoring.Date, answer, result, exemption string) {
	w.reply(requests.Reply{On: on, AnswerType: answer, Result: result, Exemption: exemption, Delivered: on, Method: "邮寄"})
}

func (w *demoWorker) reply(r requests.Reply) {
	w.step(func(id uint) error { return w.rs.Answer(w.ctx, w.v, id, r, w.today) })
}

func (w *demoWorker) correction(on scoring.Date, what string) {
	w.step(func(id uint) error { return w.rs.AskCorrection(w.ctx, w.v, id, on, what, w.today) })
}

func (w *demoWorker) consult(on scoring.Date, party, what string) {
	w.step(func(id uint) error { return w.rs.Consult(w.ctx, w.v, id, on, party, what, w.today) })
}

func (w *demoWorker) third(on scoring.Date, opinion, text string) {
	w.step(func(id uint) error { return w.rs.ThirdPartyReply(w.ctx, w.v, id, on, opinion, text, w.today) })
}

func (w *demoWorker) extension(on scoring.Date, reason string) {
	w.step(func(id uint) error { return w.rs.AskExtension(w.ctx, w.v, id, on, reason, w.today) })
}

// transfer forwards a part to the demo department named unit.
func (w *demoWorker) transfer(on scoring.Date, unit, part string) {
	w.step(func(id uint) error {
		u, err := w.unit(unit)
		if err != nil {
			return err
		}
		return w.rs.Transfer(w.ctx, w.v, id, on, u.ID, part, w.today)
	})
}

// unitAnswer records, as the head of the demo department named unit, its
// answer to the part forwarded to it.
func (w *demoWorker) unitAnswer(on scoring.Date, unit, text string) {
	w.step(func(id uint) error {
		u, err := w.unit(unit)
		if err != nil {
			return err
		}
		var head models.User
		if err := w.rs.DB.WithContext(w.ctx).Where("department_id = ? AND role = ?", u.ID, models.RoleHead).Order("id").First(&head).Error; err != nil {
			return fmt.Errorf("demo head of %s: %w", unit, err)
		}
		return w.rs.TransferAnswered(w.ctx, head.Viewer(), id, on, text, w.today)
	})
}

// unit is the demo department named name.
func (w *demoWorker) unit(name string) (models.Department, error) {
	units, err := w.rs.Units(w.ctx)
	if err != nil {
		return models.Department{}, err
	}
	for _, u := range units {
		if u.Name == name {
			return u, nil
		}
	}
	return models.Department{}, fmt.Errorf("no demo unit %s", name)
}
