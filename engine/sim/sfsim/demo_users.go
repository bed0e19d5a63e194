package sfsim

import "strings"

// DemoUser is one user of the demo org. The Clarizen simulator seeds users
// with the same e-mail addresses, so that user matching by e-mail finds
// pairs. It keeps its own copy of this list because simulators do not
// import each other.
type DemoUser struct {
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Email       string `json:"email"`
	Title       string `json:"title"`
	Department  string `json:"department"`
	ChatterOnly bool   `json:"chatterOnly"` // a Chatter Free licence
}

// DemoEmailDomain is the e-mail domain of every demo user.
const DemoEmailDomain = "liaison-demo.example"

var demoUserNames = []struct{ first, last, title, dept string }{
	{"Olivia", "Bennett", "VP Sales", "Sales"},
	{"Liam", "Carter", "Account Executive", "Sales"},
	{"Emma", "Diaz", "Account Executive", "Sales"},
	{"Noah", "Evans", "Sales Engineer", "Sales"},
	{"Ava", "Foster", "Account Manager", "Sales"},
	{"Ethan", "Garcia", "Account Manager", "Sales"},
	{"Sophia", "Hughes", "Project Manager", "Delivery"},
	{"Mason", "Ito", "Project Manager", "Delivery"},
	{"Isabella", "Jensen", "Delivery Lead", "Delivery"},
	{"Lucas", "Kim", "Solution Architect", "Delivery"},
	{"Mia", "Lopez", "Consultant", "Delivery"},
	{"Henry", "Morgan", "Consultant", "Delivery"},
	{"Amelia", "Nakamura", "Support Lead", "Support"},
	{"Jack", "Owens", "Support Engineer", "Support"},
	{"Harper", "Patel", "Support Engineer", "Support"},
	{"Leo", "Quinn", "Marketing Manager", "Marketing"},
	{"Evelyn", "Rossi", "Finance Analyst", "Finance"},
	{"Daniel", "Schmidt", "Controller", "Finance"},
	{"Chloe", "Turner", "Office Manager", "Operations"},
	{"Samuel", "Weber", "Operations Analyst", "Operations"},
}

// DemoUsers returns the 20 users of the demo org. The last four hold a
// Chatter Free licence.
func DemoUsers() []DemoUser {
	out := make([]DemoUser, len(demoUserNames))
	for i, n := range demoUserNames {
		out[i] = DemoUser{
			FirstName: n.first, LastName: n.last, Title: n.title, Department: n.dept,
			Email:       strings.ToLower(n.first + "." + n.last + "@" + DemoEmailDomain),
			ChatterOnly: i >= len(demoUserNames)-4,
		}
	}
	return out
}
