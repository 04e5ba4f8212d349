package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
)

// departmentJSON is what the API says about a department.
type departmentJSON struct {
	ID      uint     `json:"id"`
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Groups  []string `json:"groups"`
	Head    string   `json:"head"`
	Leader  string   `json:"leader"`
	Liaison string   `json:"liaison"`
	Phone   string   `json:"phone"`
	Mobile  string   `json:"mobile"`
}

func toDepartmentJSON(d models.Department) departmentJSON {
	out := departmentJSON{ID: d.ID, Code: d.Code, Name: d.Name, Kind: d.Kind, Head: d.Head, Leader: d.Leader,
		Liaison: d.Liaison, Phone: d.Phone, Mobile: d.Mobile, Groups: []string{}}
	for _, g := range d.Groups {
		out.Groups = append(out.Groups, g.Name)
	}
	return out
}

// apiDepartments lists the departments the caller may see.
func (s *Server) apiDepartments(c *fiber.Ctx) error {
	v, _ := viewer(c)
	depts, err := s.store.Departments(c.UserContext(), v)
	if err != nil {
		return err
	}
	out := make([]departmentJSON, len(depts))
	for i, d := range depts {
		out[i] = toDepartmentJSON(d)
	}
	return c.JSON(fiber.Map{"departments": out})
}

// apiDepartment reads one department; another department's id is a 404 for a head.
func (s *Server) apiDepartment(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := s.store.Department(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	return c.JSON(toDepartmentJSON(*d))
}

// standingJSON is a department's standing in a year (scoreruns.Standing), as
// the API gives it: the same grade, total and rank as every page.
type standingJSON struct {
	Year         int    `json:"year"`
	DepartmentID uint   `json:"department_id"`
	Department   string `json:"department"`
	Source       string `json:"source"` // approved (已审定), proposed (待审定), provisional (暂定)
	Hidden       bool   `json:"hidden,omitempty"`
	Unrated      bool   `json:"unrated,omitempty"`
	Total        string `json:"total,omitempty"`
	Grade        string `json:"grade,omitempty"`
	Rank         int    `json:"rank,omitempty"`
	Count        int    `json:"count,omitempty"` // units of the same standing: what rank is out of
	PlanID       uint   `json:"plan_id,omitempty"`
}

// apiStandings answers GET /api/v1/standings?year=2024: each department's
// standing in the year that the caller may see (a head: their own).
func (s *Server) apiStandings(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	year, err := s.scoreYearOf(c)
	if err != nil {
		return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": err.Error()})
	}
	all, err := s.assess.Standings(ctx, v, year)
	if err != nil {
		return err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	out := make([]standingJSON, len(all))
	for i, st := range all {
		out[i] = standingJSON{Year: st.Year, DepartmentID: st.DepartmentID, Department: names[st.DepartmentID], Source: string(st.Source),
			Hidden: st.Hidden, Unrated: st.Unrated, Total: st.Rounded(), Grade: st.Grade, Rank: st.Rank, Count: st.Count, PlanID: st.PlanID}
	}
	return c.JSON(fiber.Map{"standings": out})
}
