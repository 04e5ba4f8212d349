package reports

import (
	"io"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports/docx"
)

// Liaison is a unit's 警务信息公开工作联络表 (Annex 3 of seed 000), as
// the printable page shows it and the DOCX writes it: one source for both.
type Liaison struct {
	Dept *models.Department
}

// Title is the form's title.
func (Liaison) Title() string { return "警务信息公开工作联络表" }

// Header is the table's heading row, as Annex 3 prints it.
func (Liaison) Header() []string {
	return []string{"单位（部门）", models.LabelLiaison, models.LabelLeader, models.LabelPhone, models.LabelMobile, models.LabelNotes}
}

// Row is the unit's line of the table.
func (l Liaison) Row() []string {
	d := l.Dept
	return []string{d.Name, d.Liaison, d.Leader, d.Phone, d.Mobile, d.Notes}
}

// Filed is the 填报日期 line: the day the form was last saved, or the
// blanks to fill in by hand.
func (l Liaison) Filed() string {
	if l.Dept.LiaisonFiled == nil {
		return "填报日期：　　年　　月　　日"
	}
	return "填报日期：" + l.Dept.LiaisonFiled.Format(time.DateOnly)
}

// Signature is the foot of the form.
func (l Liaison) Signature() string { return "单位负责人：" + l.Dept.Head }

// FileName names the DOCX download.
func (l Liaison) FileName() string { return l.Dept.Name + l.Title() + ".docx" }

// WriteDOCX writes the form as a Word document.
func (l Liaison) WriteDOCX(w io.Writer) error {
	var d docx.Document
	d.Note("附件3")
	d.Title(l.Title())
	d.Note(l.Filed())
	d.Table(l.Header(), [][]string{l.Row()})
	d.Note(l.Signature())
	_, err := d.WriteTo(w)
	return err
}
