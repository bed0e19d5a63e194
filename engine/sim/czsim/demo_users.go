package czsim

// demoUser is a user of the demo organization.
type demoUser struct {
	FirstName, LastName, Email string
	// License is Full, Limited or Email.
	License string
}

// demoUsers are the Clarizen users of the demo organization. Most share their
// email address with a user of the Salesforce simulator's demo org, so the
// user mapping matches them by email. The last two exist only in Clarizen,
// which leaves a sync some users to create on the Salesforce side. The simulators share no
// code, so this list is a copy of the Salesforce demo users that work on
// projects (delivery, support, marketing and two from sales).
var demoUsers = []demoUser{
	{FirstName: "Olivia", LastName: "Bennett", Email: "olivia.bennett@liaison-demo.example", License: "Limited"},
	{FirstName: "Noah", LastName: "Evans", Email: "noah.evans@liaison-demo.example", License: "Limited"},
	{FirstName: "Sophia", LastName: "Hughes", Email: "sophia.hughes@liaison-demo.example", License: "Full"},
	{FirstName: "Mason", LastName: "Ito", Email: "mason.ito@liaison-demo.example", License: "Full"},
	{FirstName: "Isabella", LastName: "Jensen", Email: "isabella.jensen@liaison-demo.example", License: "Full"},
	{FirstName: "Lucas", LastName: "Kim", Email: "lucas.kim@liaison-demo.example", License: "Full"},
	{FirstName: "Mia", LastName: "Lopez", Email: "mia.lopez@liaison-demo.example", License: "Full"},
	{FirstName: "Henry", LastName: "Morgan", Email: "henry.morgan@liaison-demo.example", License: "Full"},
	{FirstName: "Amelia", LastName: "Nakamura", Email: "amelia.nakamura@liaison-demo.example", License: "Limited"},
	{FirstName: "Jack", LastName: "Owens", Email: "jack.owens@liaison-demo.example", License: "Limited"},
	{FirstName: "Harper", LastName: "Patel", Email: "harper.patel@liaison-demo.example", License: "Limited"},
	{FirstName: "Leo", LastName: "Quinn", Email: "leo.quinn@liaison-demo.example", License: "Email"},
	{FirstName: "Grace", LastName: "Holm", Email: "grace.holm@liaison-demo.example", License: "Full"},
	{FirstName: "Oscar", LastName: "Lind", Email: "oscar.lind@liaison-demo.example", License: "Full"},
}
