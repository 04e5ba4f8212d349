package models

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/scoring"
)

// Department kinds (类别).
const (
	KindCityDept     = "市局部门"
	KindCountyBureau = "分县局"
	KindStation      = "派出所"
)

// DepartmentKinds lists the accepted kinds, for validation and forms.
var DepartmentKinds = []string{KindCityDept, KindCountyBureau, KindStation}

// The liaison details of Annex 3's 联络表 by the names the form, the
// department import, the department export and the printed form give them.
const (
	LabelHead    = "负责人"
	LabelLeader  = "分管领导"
	LabelLiaison = "具体责任人员"
	LabelPhone   = "联系电话"
	LabelMobile  = "手机号码"
	LabelNotes   = "相关信息"
)

// MaxName bounds a person's name on the liaison form and a filing's
// signature (负责人, 分管领导, 具体责任人员, 填报人): the columns hold 64.
const MaxName = 64

// ValidPhone reports whether a phone number (联系电话, 手机号码) is at most
// 32 characters of digits, spaces, + - ( and ).
func ValidPhone(s string) bool {
	return utf8.RuneCountInString(s) <= 32 && strings.Trim(s, "0123456789-+() ") == ""
}

// Department is a unit that the catalog obligates: a city-bureau department
// (支队, 处, 室), a county sub-bureau (分县局) or a police station (派出所).
// The liaison fields are Annex 3's 联络表.
type Department struct {
	ID       uint   `gorm:"primaryKey"`
	Code     string `gorm:"size:64;not null;uniqueIndex"`
	Name     string `gorm:"size:128;not null;uniqueIndex"`
	Kind     string `gorm:"size:16;not null"`
	ParentID *uint  `gorm:"index"`
	Parent   *Department
	Head     string `gorm:"size:64"`  // 负责人
	Leader   string `gorm:"size:64"`  // 分管领导
	Liaison  string `gorm:"size:64"`  // 具体责任人员
	Phone    string `gorm:"size:32"`  // 联系电话
	Mobile   string `gorm:"size:32"`  // 手机号码
	Notes    string `gorm:"size:512"` // 相关信息
	// LiaisonFiled is the 填报日期 of the liaison form: the day it was last saved.
	LiaisonFiled  *time.Time `gorm:"type:date"`
	Groups        []Group    `gorm:"many2many:group_members;constraint:OnDelete:CASCADE"`
	SecrecyOffice bool       `gorm:"not null;default:false"` // 保密委员会办公室: signs review step 4 (issue 24)

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Group is a name in the catalog that stands for a set of departments
// (各分县局, 市局各部门, 相关警种部门 ...).
type Group struct {
	ID      uint         `gorm:"primaryKey"`
	Name    string       `gorm:"size:128;not null;uniqueIndex"`
	Note    string       `gorm:"size:512"`
	Members []Department `gorm:"many2many:group_members;constraint:OnDelete:CASCADE"`

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Departments lists the departments the viewer may see, by code.
func (s *Store) Departments(ctx context.Context, v Viewer) ([]Department, error) {
	var out []Department
	q := s.DB.WithContext(ctx).Preload("Groups").Preload("Parent").Order("code")
	if id, limited := v.OwnDepartment(); limited {
		q = q.Where("id = ?", id)
	}
	if err := q.Find(&out).Error; err != nil {
		return nil, NotFound(err, "list departments")
	}
	return out, nil
}

// Department reads one department if the viewer may see it; otherwise
// ErrNotFound, so that a department head cannot learn what exists elsewhere.
func (s *Store) Department(ctx context.Context, v Viewer, id uint) (*Department, error) {
	if !v.CanSeeDepartment(id) {
		return nil, ErrNotFound
	}
	var d Department
	err := s.DB.WithContext(ctx).Preload("Groups").Preload("Parent").First(&d, id).Error
	if err != nil {
		return nil, NotFound(err, "read department")
	}
	return &d, nil
}

// LiaisonUpdate is the part of a department its head or the office may change.
type LiaisonUpdate struct {
	Head, Leader, Liaison, Phone, Mobile, Notes string
}

// UpdateLiaison changes a department's Annex 3 details, audit-logged.
// The office may change any department; a head only their own.
func (s *Store) UpdateLiaison(ctx context.Context, v Viewer, id uint, u LiaisonUpdate, now time.Time) error {
	if err := v.MayForDepartment(ActEditLiaison, id); err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *Tx) error {
		var d Department
		if err := tx.ForUpdate().First(&d, id).Error; err != nil {
			return NotFound(err, "read department")
		}
		before := d
		today := scoring.DateOf(now).Time()
		d.Head, d.Leader, d.Liaison, d.Phone, d.Mobile, d.Notes, d.LiaisonFiled = u.Head, u.Leader, u.Liaison, u.Phone, u.Mobile, u.Notes, &today
		if err := tx.DB.Select("head", "leader", "liaison", "phone", "mobile", "notes", "liaison_filed", "updated_at").Save(&d).Error; err != nil {
			return err
		}
		return tx.Record("update", "department", d.ID, liaisonOf(before), liaisonOf(d))
	})
}

func liaisonOf(d Department) LiaisonUpdate {
	return LiaisonUpdate{Head: d.Head, Leader: d.Leader, Liaison: d.Liaison, Phone: d.Phone, Mobile: d.Mobile, Notes: d.Notes}
}

// Groups lists every group with its members. Group membership is not
// confidential: the catalog names groups to everyone who reads it.
func (s *Store) Groups(ctx context.Context) ([]Group, error) {
	var out []Group
	err := s.DB.WithContext(ctx).Preload("Members", func(db *gorm.DB) *gorm.DB { return db.Order("code") }).Order("name").Find(&out).Error
	if err != nil {
		return nil, NotFound(err, "list groups")
	}
	return out, nil
}

// Group reads one group with its members.
func (s *Store) Group(ctx context.Context, id uint) (*Group, error) {
	var g Group
	err := s.DB.WithContext(ctx).Preload("Members", func(db *gorm.DB) *gorm.DB { return db.Order("code") }).First(&g, id).Error
	if err != nil {
		return nil, NotFound(err, "read group")
	}
	return &g, nil
}

// DepartmentScope lists a department and every department under it (a
// county sub-bureau and its police stations), by the parent links.
func (s *Store) DepartmentScope(ctx context.Context, id uint) ([]uint, error) {
	var all []Department
	if err := s.DB.WithContext(ctx).Select("id", "parent_id").Find(&all).Error; err != nil {
		return nil, fmt.Errorf("read departments: %w", err)
	}
	children := map[uint][]uint{}
	for _, d := range all {
		if d.ParentID != nil {
			children[*d.ParentID] = append(children[*d.ParentID], d.ID)
		}
	}
	out, seen := []uint{id}, map[uint]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i]] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// GroupMember is one row of the groups' join table (group_members).
type GroupMember struct{ GroupID, DepartmentID uint }

// SetGroupMembers replaces the group memberships of the departments given
// with members, in chunks of chunk rows: the department import writes a
// whole table's memberships at once, faster than the association API.
func SetGroupMembers(db *gorm.DB, departments []uint, members []GroupMember, chunk int) error {
	for start := 0; start < len(departments); start += chunk {
		if err := db.Exec("DELETE FROM group_members WHERE department_id IN ?", departments[start:min(start+chunk, len(departments))]).Error; err != nil {
			return fmt.Errorf("replace group memberships: %w", err)
		}
	}
	if len(members) > 0 {
		if err := db.Table("group_members").CreateInBatches(members, chunk).Error; err != nil {
			return fmt.Errorf("set group memberships: %w", err)
		}
	}
	return nil
}
