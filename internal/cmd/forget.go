package cmd

import (
	"context"
	"fmt"

	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdForget = &Command{
	Name:  "forget",
	Usage: []string{"forget database NAME"},
	Short: "drop what the catalog knows of a database",
	Long: `forget database NAME drops, from the catalog and the index, everything known
of a database: its last snapshot, the identity of its drive. It says what
it drops. The database stays tracked (remove database stops that), and
nothing on any disk is touched; the next load scans it afresh.`,
	Complete: map[string]Completer{"NAME": completeDatabases},
	Run:      runForget,
	Needs:    NeedsLayout,
}

func runForget(_ context.Context, s *Session, a Args) error {
	name := a.Get("NAME")
	if s.Catalog == nil {
		return fmt.Errorf("no catalog is in use: start with a config file, --catalog PATH or set catalog PATH")
	}
	f, err := s.Catalog.Forget(name)
	if err != nil {
		return err
	}
	delete(s.stored, name)
	s.Index = s.Index.Without(name)
	s.Printf("forgot database %s: %s (%s) it held when last seen\n", name, plural(f.Locations, "location"), units.Bytes(f.Bytes))
	return nil
}
