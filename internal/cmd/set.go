package cmd

import "context"

var cmdSet = &Command{
	Name:  "set",
	Usage: []string{"set copies N"},
	Short: "change a setting",
	Long: `set copies N sets how many databases should hold each location of a
project (2 by default). status flags the locations held by fewer, and
status --plan proposes copies for them. A category added with --copies
keeps its own minimum.`,
	Run: runSet,
}

func runSet(_ context.Context, s *Session, a Args) error {
	n, err := copiesValue(a.Get("N"))
	if err != nil {
		return err
	}
	s.Copies = n
	return nil
}
