package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
)

// requestsHome adds the requests' to-do list to a home: a department's
// (head, clerk) overdue, due soon, waiting for a third party and
// extensions waiting; the office's extensions waiting for its approval.
func (s *Server) requestsHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	dept, limited := v.OwnDepartment()
	switch {
	case limited && v.Can(models.ActWorkRequests) && dept != 0:
	case v.Can(models.ActApproveExtension):
		dept = 0
	default:
		return nil
	}
	todo, err := requests.New(s.store).ToDoOf(c.UserContext(), v, dept, scoring.DateOf(s.opt.Now()))
	if err != nil {
		return err
	}
	data["RequestToDo"] = todo
	return nil
}
