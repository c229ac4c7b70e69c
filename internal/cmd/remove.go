package cmd

import "context"

var cmdRemove = &Command{
	Name: "remove",
	Usage: []string{
		"remove database NAME",
		"remove category NAME",
	},
	Short: "stop tracking a database or a category",
	Long: `remove database NAME stops tracking a database and drops it from the index.
remove category NAME stops tracking a category. Nothing on disk is touched.`,
	Complete: map[string]Completer{"NAME": completeRemoveName},
	Run:      runRemove,
	Needs:    NeedsLayout,
}

func runRemove(_ context.Context, s *Session, a Args) error {
	name := a.Get("NAME")
	if a.Has("database") {
		if _, err := s.database(name); err != nil {
			return err
		}
		s.Index = s.Index.Without(name)
		return s.Layout.RemoveDatabase(name)
	}
	if _, err := s.category(name); err != nil {
		return err
	}
	return s.Layout.RemoveCategory(name)
}

func completeRemoveName(s *Session, prev []string, typed string) []string {
	if len(prev) > 0 && prev[0] == "category" {
		return completeCategories(s, prev, typed)
	}
	return completeDatabases(s, prev, typed)
}
