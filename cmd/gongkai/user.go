package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
)

// userCommand handles "gongkai user add": accounts for a real install.
func userCommand(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: gongkai user add --role ROLE --username U --name NAME [--department CODE] [--password-stdin]", errUsage)
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stdout)
	role := fs.String("role", "", "office, leader, head, discipline or auditor")
	username := fs.String("username", "", "sign-in name")
	name := fs.String("name", "", "full name (姓名)")
	dept := fs.String("department", "", "department code or name (heads only)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *username == "" {
		*username = *name
	}
	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()

	n := accounts.NewUser{Username: *username, Name: *name, Role: models.Role(*role)}
	if *dept != "" {
		names, err := store.LoadNames(ctx)
		if err != nil {
			return err
		}
		id, ok := names.Departments[*dept]
		if !ok {
			return fmt.Errorf("部门“%s”不存在", *dept)
		}
		n.DepartmentID = id
	}
	generated := !*fromStdin
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		n.Password = strings.TrimRight(line, "\r\n")
	} else {
		n.Password = rand.Text()
	}
	u, err := accounts.New(store).CreateUser(ctx, models.System, n)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return errors.New(verr.Message)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已创建用户 %s(%s,%s)\n", u.Username, u.Name, u.Role)
	if generated {
		fmt.Fprintf(stdout, "初始密码(只显示这一次): %s\n", n.Password)
	}
	return nil
}
