package models

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// auditDepartment is the department an audit entry is about, the one rule
// by which the log is filtered by department: the department itself; the
// department its change names (a record's DepartmentID, or department_id
// or department in a map, at the top of the change or one level down, as
// a case inside {"case": ...}); else, for a department's head, the head's
// own department, the only one a head acts for. 0 when none is known (a
// scheme, a score run, the office's import of the whole bureau).
func auditDepartment(v Viewer, e AuditEntry) uint {
	if e.Entity == "department" {
		if id, err := strconv.ParseUint(e.EntityID, 10, 64); err == nil {
			return uint(id)
		}
	}
	for _, body := range []string{e.After, e.Before} {
		if id := namedDepartment(body, 2); id != 0 {
			return id
		}
	}
	own, _ := v.OwnDepartment()
	return own
}

// DepartmentKeys are the names a change gives its department under.
var DepartmentKeys = []string{"DepartmentID", "department_id", "department"}

// namedDepartment reads the department a JSON object names, looking depth
// levels deep.
func namedDepartment(body string, depth int) uint {
	// Most entries name no department: skip parsing them.
	if depth == 0 || !strings.HasPrefix(body, "{") || !strings.Contains(body, "epartment") {
		return 0
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(body), &obj) != nil {
		return 0
	}
	for _, k := range DepartmentKeys {
		var id uint
		if raw, ok := obj[k]; ok && json.Unmarshal(raw, &id) == nil && id != 0 {
			return id
		}
	}
	keys := slices.Sorted(maps.Keys(obj)) // the same answer every time
	for _, k := range keys {
		if id := namedDepartment(string(obj[k]), depth-1); id != 0 {
			return id
		}
	}
	return 0
}
