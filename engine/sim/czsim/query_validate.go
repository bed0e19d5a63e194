package czsim

import (
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
)

// validate checks the spec's field paths and their filter and sort flags.
func (s *Server) validate(spec *querySpec) error {
	if err := s.validatePaths(spec.typ, spec.fields); err != nil {
		return err
	}
	var wherePaths [][]string
	collectPaths(spec.where, &wherePaths)
	if err := s.validatePaths(spec.typ, wherePaths); err != nil {
		return err
	}
	for _, path := range wherePaths {
		if isIDPath(path) {
			continue
		}
		if f, _ := spec.typ.field(path[0]); !f.Filterable {
			return errorf(codeInvalidArgument, "field %s of %s cannot be used in a condition", f.Name, spec.typ.Name)
		}
	}
	if err := s.checkLiterals(spec.typ, spec.where); err != nil {
		return err
	}
	for _, o := range spec.orders {
		if err := s.validatePaths(spec.typ, [][]string{o.Path}); err != nil {
			return err
		}
		if f, _ := spec.typ.field(o.Path[0]); f != nil && !f.Sortable {
			return errorf(codeInvalidArgument, "field %s of %s cannot be used for sorting", f.Name, spec.typ.Name)
		}
	}
	for i := range spec.relations {
		if err := s.validate(&spec.relations[i].spec); err != nil {
			return err
		}
	}
	return nil
}

// checkLiterals rejects literals that cannot compare with their field's
// type, such as Priority = 'high'.
func (s *Server) checkLiterals(t *entityType, e czql.Expr) error {
	check := func(path []string, lits []czql.Literal) error {
		f := s.pathField(t, path)
		if f == nil {
			return nil
		}
		for _, lit := range lits {
			if err := czql.CheckLiteral(fieldKind(f), lit); err != nil {
				return errorf(codeInvalidArgument, "invalid condition on %s: %v", strings.Join(path, "."), err)
			}
		}
		return nil
	}
	switch e := e.(type) {
	case *czql.Compare:
		switch e.Op {
		case czql.OpLike, czql.OpNotLike, czql.OpBeginsWith, czql.OpEndsWith, czql.OpContains, czql.OpNotContains:
			return nil
		}
		return check(e.Path, []czql.Literal{e.Value})
	case *czql.In:
		return check(e.Path, e.Values)
	case *czql.And:
		if err := s.checkLiterals(t, e.Left); err != nil {
			return err
		}
		return s.checkLiterals(t, e.Right)
	case *czql.Or:
		if err := s.checkLiterals(t, e.Left); err != nil {
			return err
		}
		return s.checkLiterals(t, e.Right)
	case *czql.Not:
		return s.checkLiterals(t, e.X)
	}
	return nil
}

// pathField returns the field a valid path ends at, or nil.
func (s *Server) pathField(t *entityType, path []string) *fieldDef {
	var f *fieldDef
	for i, name := range path {
		next, ok := t.field(name)
		if !ok {
			return nil
		}
		f = next
		if i < len(path)-1 {
			if len(f.Refs) == 0 {
				return nil
			}
			if t, ok = s.cat.lookup(f.Refs[0]); !ok {
				return nil
			}
		}
	}
	return f
}

// fieldKind is the CZQL kind of a field's values.
func fieldKind(f *fieldDef) czql.Kind {
	switch f.Type {
	case typeInteger, typeLong, typeDouble, typeMoney:
		return czql.KindNumber
	case typeBoolean:
		return czql.KindBool
	case typeDateTime:
		return czql.KindTime
	case typeDuration:
		return czql.KindDuration
	case typeEntity:
		return czql.KindRef
	}
	return czql.KindString
}

func collectPaths(e czql.Expr, out *[][]string) {
	switch e := e.(type) {
	case *czql.Compare:
		*out = append(*out, e.Path)
	case *czql.In:
		*out = append(*out, e.Path)
	case *czql.IsNull:
		*out = append(*out, e.Path)
	case *czql.And:
		collectPaths(e.Left, out)
		collectPaths(e.Right, out)
	case *czql.Or:
		collectPaths(e.Left, out)
		collectPaths(e.Right, out)
	case *czql.Not:
		collectPaths(e.X, out)
	}
}
