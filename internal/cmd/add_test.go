package cmd

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestAdd(t *testing.T) {
	tests := []struct {
		lines    []string
		wantErr  string
		wantWarn string
		check    func(*Session) (got, want string)
	}{
		{lines: []string{"add database WORK2 WORK/"},
			check: func(s *Session) (string, string) {
				d, _ := s.Layout.Database("WORK2")
				return d.Root, filepath.Join(s.Dir, "WORK")
			}},
		{lines: []string{"add database 'Big NAS' '/mnt/big nas/'"},
			wantWarn: "warning: database Big NAS: /mnt/big nas does not exist yet; it shows as offline until it does\n",
			check: func(s *Session) (string, string) {
				d, _ := s.Layout.Database("Big NAS")
				return d.Root, "/mnt/big nas"
			}},
		{lines: []string{"add category render scratch/render/"},
			check: func(s *Session) (string, string) {
				c, _ := s.Layout.Category("render")
				return c.Path, "scratch/render"
			}},
		{lines: []string{"add database A a", "add database A b"}, wantErr: "database A already exists"},
		{lines: []string{"add database '' a"}, wantErr: "database name is empty"},
		{lines: []string{"add database A ''"}, wantErr: "database A: path is empty"},
		{lines: []string{"add category c /abs"}, wantErr: `category path "/abs" is absolute; it must be relative to every database root`},
		{lines: []string{"add category c a/../.."}, wantErr: `category path "a/../.." contains '..'`},
		{lines: []string{"add database A"}, wantErr: "usage: add database NAME PATH"},
		{lines: []string{"add"}, wantErr: "usage: add database NAME PATH | add category NAME RELPATH [--copies N]"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.lines, "; "), func(t *testing.T) {
			s, _, errs := studio(t)
			s.Layout.Databases, s.Layout.Categories = nil, nil
			var err error
			for _, l := range tt.lines {
				if err = Run(context.Background(), s, l); err != nil {
					break
				}
			}
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if errs.String() != tt.wantWarn && !(tt.wantWarn == "" && tt.check == nil) {
				t.Fatalf("stderr = %q, want %q", errs, tt.wantWarn)
			}
			if tt.check == nil {
				return
			}
			if got, want := tt.check(s); got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}
