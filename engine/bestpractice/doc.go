// Package bestpractice is Liaison's best-practices package: the default
// mappings and event that a new installation starts with, kept as data in
// the mapping export format (package.json), and the steps that install it.
//
// The package holds the product's four mappings: Clarizen User ⇄
// Salesforce User, Account to Customer with social sync, Clarizen
// Milestone to the Clarizen milestone custom object, and the Clarizen
// Project custom object ⇄ Project. A fifth mapping turns opportunity
// products into sub-projects for the event, which creates a project for an
// opportunity at 70 % or more and is installed disabled.
//
// Installing checks the Salesforce org for the custom objects and fields
// the mappings use and, once the admin agrees, creates the missing ones
// through the Tooling API. A later version of the package applies over an
// installed one by a three-way merge of the version installed, the admin's
// current definitions and the new version, shown as a list of changes
// before anything is written. MatchUsers pairs users by e-mail and creates
// the missing ones with the licence the package fixes.
//
// The package writes definitions, links and registry rows through
// engine/store and validates through engine/workspace. It takes the
// idempotency-key sanitizer from engine/syncer and the error classes and
// hints of failed creates from engine/failure. It must not import app/,
// Wails or any UI package.
package bestpractice
