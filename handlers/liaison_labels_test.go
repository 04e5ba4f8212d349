package handlers_test

import (
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// The liaison form on a department's page names its fields as the
// department import and export, and the printed Annex 3, head their
// columns (models.Label*), so a sheet exported, edited and imported again
// reads as the page does.
func TestLiaisonFormLabelsAreTheColumnNames(t *testing.T) {
	t.Parallel()
	for key, label := range map[string]string{"dept.head": models.LabelHead, "dept.leader": models.LabelLeader, "dept.liaison": models.LabelLiaison,
		"dept.phone": models.LabelPhone, "dept.mobile": models.LabelMobile, "dept.notes": models.LabelNotes} {
		if got := views.T(views.Chinese, key); got != label {
			t.Errorf("the form's %s reads %q, the columns %q", key, got, label)
		}
	}
}
