package czsim

import (
	"fmt"
	"strings"
)

// seedBase creates what every organization has: its Organization record, the
// login users and the templates.
func (s *Server) seedBase() error {
	s.templates = defaultTemplates()
	users := s.opts.Users
	if len(users) == 0 {
		users = []User{{
			UserName: DefaultUserName, Password: DefaultPassword, APIKey: DefaultAPIKey,
			Email: DefaultUserName, FirstName: "Ada", LastName: "Admin", License: "Full",
		}}
	}
	for i, u := range users {
		if u.UserName == "" {
			return fmt.Errorf("create login user %d: user name is empty", i)
		}
		rec, err := s.createUser(u, i == 0)
		if err != nil {
			return fmt.Errorf("create login user %s: %w", u.UserName, err)
		}
		s.creds = append(s.creds, &credential{userName: u.UserName, password: u.Password, apiKey: u.APIKey, userID: rec.id})
		if i == 0 {
			s.adminID = rec.id
		}
	}
	org, _ := s.cat.lookup("Organization")
	_, err := s.createEntity(org, s.orgIDString(), jsonObject{"Name": fmt.Sprintf("Simulated organization %d", s.orgID)},
		s.admin(), directWrite)
	if err != nil {
		return fmt.Errorf("create organization record: %w", err)
	}
	return nil
}

// createUser stores a User entity for a login or demo user.
func (s *Server) createUser(u User, admin bool) (*record, error) {
	t, _ := s.cat.lookup("User")
	email := u.Email
	if email == "" {
		email = u.UserName
		if !strings.Contains(email, "@") {
			email += "@czsim.example"
		}
	}
	last := u.LastName
	if last == "" {
		last = u.UserName
	}
	license := u.License
	if license == "" {
		license = "Full"
	}
	in := jsonObject{
		"UserName": u.UserName, "Email": email, "FirstName": u.FirstName, "LastName": last,
		"LicenseType": license, "Admin": admin, "AllowEmails": true,
	}
	var actor *record
	if s.adminID != "" {
		actor = s.admin()
	}
	return s.createEntity(t, "", in, actor, directWrite)
}

// admin returns the organization admin's User record.
func (s *Server) admin() *record {
	t, _ := s.cat.lookup("User")
	rec, _ := s.st.get(t, s.adminID)
	return rec
}
