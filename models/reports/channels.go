package reports

// Channels counts pieces of information by the channel groups of Annex 2
// §1(二) (通过不同渠道和方式公开政府信息的情况). A piece carried by several
// channels of one group counts once in that group.
type Channels struct {
	News    int // 新闻公布: 新闻发布, 报刊, 电台, 电视台
	Website int // 政府网站: 网站
	Weibo   int // 政务微博: 微博
	WeChat  int // 政务微信: 微信
	SMS     int // 短信告知: 短信
	Other   int // 其他方式: every other channel
}

// channelGroup is one line of Channels.
type channelGroup int

const (
	groupNews channelGroup = iota
	groupWebsite
	groupWeibo
	groupWeChat
	groupSMS
	groupOther
	channelGroups // how many groups there are
)

// groupOf names the group a publication's channel (公开形式) counts in.
func groupOf(channel string) channelGroup {
	switch channel {
	case "新闻发布", "报刊", "电台", "电视台":
		return groupNews
	case "网站":
		return groupWebsite
	case "微博":
		return groupWeibo
	case "微信":
		return groupWeChat
	case "短信":
		return groupSMS
	}
	return groupOther
}

// add counts one piece in group g.
func (c *Channels) add(g channelGroup) {
	switch g {
	case groupNews:
		c.News++
	case groupWebsite:
		c.Website++
	case groupWeibo:
		c.Weibo++
	case groupWeChat:
		c.WeChat++
	case groupSMS:
		c.SMS++
	default:
		c.Other++
	}
}

// KeyAreas counts pieces of information in the key areas of Annex 2 §2
// (重点领域信息公开情况), by the catalog category (二级目录) of their item.
type KeyAreas struct {
	Approval int // 行政审批: items under 行政许可及审批
	Penalty  int // 行政处罚: items under 行政执法
	Finance  int // 财政: items under 财务收支
}

// keyArea is one line of KeyAreas.
type keyArea int

const (
	noArea keyArea = iota
	areaApproval
	areaPenalty
	areaFinance
	keyAreas // how many there are, with noArea
)

// areaOf names the key area of a catalog category, noArea for the others.
func areaOf(level2 string) keyArea {
	switch level2 {
	case "行政许可及审批":
		return areaApproval
	case "行政执法":
		return areaPenalty
	case "财务收支":
		return areaFinance
	}
	return noArea
}

// add counts one piece in area a.
func (k *KeyAreas) add(a keyArea) {
	switch a {
	case areaApproval:
		k.Approval++
	case areaPenalty:
		k.Penalty++
	case areaFinance:
		k.Finance++
	}
}
