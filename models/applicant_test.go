package models

import "testing"

func TestMasks(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, name, id, contact string }{
		{"张三", "张*", "**", "**"},
		{"", "", "", ""},
		{"欧阳修文", "欧***", "****", "欧阳**"},
		{"320102199001011234", "3*****************", "3201**********1234", "320***********1234"},
		{"13812345678", "1**********", "1381***5678", "138****5678"},
		{"宿迁市宿城区幸福路1号", "宿**********", "宿迁市宿***福路1号", "宿迁*********"},
	} {
		if got := MaskName(c.in); got != c.name {
			t.Errorf("MaskName(%q) = %q, want %q", c.in, got, c.name)
		}
		if got := MaskIDNo(c.in); got != c.id {
			t.Errorf("MaskIDNo(%q) = %q, want %q", c.in, got, c.id)
		}
		if got := MaskContact(c.in); got != c.contact {
			t.Errorf("MaskContact(%q) = %q, want %q", c.in, got, c.contact)
		}
	}
}

func TestOnlyTheHandlingDepartmentAndTheOfficeSeeAnApplicant(t *testing.T) {
	t.Parallel()
	const dept = 7
	for _, c := range []struct {
		v     Viewer
		whole bool
	}{
		{Viewer{Role: RoleOffice}, true},
		{Viewer{Role: RoleHead, DepartmentID: dept}, true},
		{Viewer{Role: RoleClerk, DepartmentID: dept}, true},
		{Viewer{Role: RoleHead, DepartmentID: dept + 1}, false},
		{Viewer{Role: RoleClerk, DepartmentID: dept + 1}, false},
		{Viewer{Role: RoleLeader}, false},
		{Viewer{Role: RoleDiscipline}, false},
		{Viewer{Role: RoleAuditor}, false},
		{Viewer{}, false},
	} {
		id := c.v.ApplicantOf(dept, "张三", "320102199001011234", "13812345678")
		if id.Whole != c.whole || (id.IDNo == "320102199001011234") != c.whole {
			t.Errorf("%s of department %d sees %+v, whole should be %v", c.v.Role, c.v.DepartmentID, id, c.whole)
		}
	}
}
