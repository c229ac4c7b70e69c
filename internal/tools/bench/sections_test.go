package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestPickSections(t *testing.T) {
	tests := []struct {
		words   []string
		want    []string
		wantErr string
	}{
		{nil, []string{"load", "copy", "verify", "go", "floor", "load-cold", "copy-cold", "verify-cold"}, ""},
		{[]string{"verify", "load"}, []string{"load", "verify"}, ""},
		{[]string{"cold", "load"}, []string{"load", "load-cold", "copy-cold", "verify-cold"}, ""},
		{[]string{"warm", "warm", "copy"}, []string{"load", "copy", "verify"}, ""},
		{[]string{"lod"}, nil, `no section "lod"`},
	}
	for _, tt := range tests {
		got, err := pickSections(tt.words)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("pickSections(%q) error = %v, want %q", tt.words, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(names(got), tt.want) {
			t.Errorf("pickSections(%q) = %v, %v; want %v", tt.words, names(got), err, tt.want)
		}
	}
	if !slices.Equal(groups["all"], names(sections())) {
		t.Errorf("the group all is not every section in order: %v", groups["all"])
	}
}

func TestParseOptions(t *testing.T) {
	tests := []struct {
		args    []string
		quick   bool
		runs    int
		wantErr string
	}{
		{args: []string{"-quick", "load"}, quick: true},
		{args: []string{"-runs", "9", "copy"}, runs: 9},
		{args: []string{"-runs", "-1"}, wantErr: "cannot be negative"},
		{args: []string{"-nope"}, wantErr: "flag provided but not defined"},
		{args: []string{"everything"}, wantErr: `no section "everything"`},
	}
	for _, tt := range tests {
		o, err := parseOptions(tt.args, io.Discard)
		if tt.wantErr != "" {
			if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseOptions(%q) error = %v, want a usage error with %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || o.quick != tt.quick || o.runs != tt.runs {
			t.Errorf("parseOptions(%q) = %+v, %v", tt.args, o, err)
		}
	}
}

func TestToolsOfTheSections(t *testing.T) {
	e := &env{work: "/w", bin: "/p/autobackup"}
	ab := e.tool("autobackup", "--config", "copy.cfg", "copy", "acme/large", "footage", "SRC", "DST")
	if ab.Label != "autobackup --config copy.cfg copy acme/large footage SRC DST" || ab.Argv[0] != "/p/autobackup" || ab.Peer != "" || ab.Dir != "/w" {
		t.Errorf("autobackup tool = %+v", ab)
	}
	du := e.tool("du", "-sb", "scan/WORK")
	if du.Label != "du -sb scan/WORK" || du.Argv[0] != "du" || du.Peer != "du" {
		t.Errorf("du tool = %+v", du)
	}
	cp := e.shell("cp", "cp -a a b && sync")
	if !slices.Equal(cp.Argv, []string{"sh", "-c", "cp -a a b && sync"}) || cp.Peer != "cp" {
		t.Errorf("shell tool = %+v", cp)
	}
}
