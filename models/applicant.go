package models

import "strings"

// Identity is a requester's personal data as one viewer may see it: the
// name, the ID number (证件号码) and the contact of an applicant, a
// complainant or a third party. Only the handling department and the
// office read it whole (ActReadApplicant); everyone else, every export
// they make and /public see it masked: 张*, 3201**********1234, 138****5678.
type Identity struct {
	Name, IDNo, Contact string
	// Whole is true when nothing was masked: reading it is audit-logged.
	Whole bool
}

// ApplicantOf returns the identity as v may see it for a request or a
// complaint handled by department dept.
func (v Viewer) ApplicantOf(dept uint, name, idNo, contact string) Identity {
	if v.SeesApplicantOf(dept) {
		return Identity{Name: name, IDNo: idNo, Contact: contact, Whole: true}
	}
	return Identity{Name: MaskName(name), IDNo: MaskIDNo(idNo), Contact: MaskContact(contact)}
}

// SeesApplicantOf reports whether v reads the unmasked identity of the
// requesters of department dept: the office, and that department's own
// head and clerk.
func (v Viewer) SeesApplicantOf(dept uint) bool {
	return v.MayForDepartment(ActReadApplicant, dept) == nil
}

// MaskName keeps a name's first character: 张三丰 → 张**.
func MaskName(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(len(r)-1, 1))
}

// MaskIDNo keeps the first and last four characters of an ID number:
// 320102199001011234 → 3201**********1234.
func MaskIDNo(s string) string { return maskMiddle(s, 4, 4) }

// MaskContact keeps a telephone number's first three and last four digits
// (138****5678); other contacts (an address, an e-mail) keep their first
// two characters.
func MaskContact(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) >= 11 && strings.Trim(string(r), "0123456789-+ ") == "" {
		return maskMiddle(string(r), 3, 4)
	}
	return maskMiddle(string(r), 2, 0)
}

// maskMiddle keeps head characters at the start and tail at the end and
// stars the rest; a value too short to keep both is starred whole.
func maskMiddle(s string, head, tail int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
