package cmd

import (
	"context"
	"fmt"
	"time"
)

var cmdSet = &Command{
	Name: "set",
	Usage: []string{
		"set copies N",
		"set max-age DURATION",
		"set catalog PATH",
	},
	Short: "change a setting",
	Long: `set copies N sets how many databases should hold each location of a
project (2 by default). status flags the locations held by fewer, and
status --plan proposes copies for them. A category added with --copies
keeps its own minimum.

set max-age DURATION (such as 15m, 2h, 0) sets how old a database's scan
may be before a load in the config file scans it again (15m by default);
a load typed or in a script always scans.

set catalog PATH remembers the databases in the catalog at PATH from now
on, and takes what it knows of them (see --catalog).`,
	Complete: map[string]Completer{"DURATION": completeDurations},
	Run:      runSet,
	Needs:    NeedsLayout,
}

func completeDurations(*Session, []string, string) []string {
	return []string{"0", "5m", "15m", "1h", "24h"}
}

func runSet(_ context.Context, s *Session, a Args) error {
	switch {
	case a.Has("copies"):
		n, err := copiesValue(a.Get("N"))
		if err != nil {
			return err
		}
		s.Copies = n
	case a.Has("max-age"):
		d, err := time.ParseDuration(a.Get("DURATION"))
		if err != nil || d < 0 {
			return fmt.Errorf("max-age %q: want a duration such as 15m, 2h or 0", a.Get("DURATION"))
		}
		s.MaxAge = d
	default:
		p, err := s.Abs(a.Get("PATH"))
		if err != nil {
			return err
		}
		return s.UseCatalog(p, time.Now())
	}
	return nil
}
