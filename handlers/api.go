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
