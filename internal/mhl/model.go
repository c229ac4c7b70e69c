package mhl

import (
	"fmt"
	"time"
)

// Action is what a hash entry says about its file: the hash recorded when
// the file entered the history, or the outcome of a later check of it.
type Action string

// The actions of ASC MHL v2.0.
const (
	Original Action = "original"
	Verified Action = "verified"
	Failed   Action = "failed"
)

// valid reports whether a is one of the three actions.
func (a Action) valid() bool { return a == Original || a == Verified || a == Failed }

// Process is how a generation came about.
type Process string

// The processes of ASC MHL v2.0. autobackup writes InPlace (a folder
// sealed or checked where it is) and Transfer (a copy sealed at its
// destination); Flatten is read but not written.
const (
	InPlace  Process = "in-place"
	Transfer Process = "transfer"
	Flatten  Process = "flatten"
)

// Author is one person named in a generation's creator info. Any field may
// be empty.
type Author struct {
	Name, Email, Phone, Role string
}

// Creator is who and what wrote a generation.
type Creator struct {
	// Date is the generation's creation date; its UTC form also names the
	// generation file.
	Date        time.Time
	Hostname    string
	Tool        string // e.g. "autobackup"
	ToolVersion string
	Authors     []Author
	Location    string // optional
	Comment     string // optional
}

// HashEntry is one recorded hash of a file.
type HashEntry struct {
	Format Format
	Value  string // canonical MHL string (lowercase hex, or a c4 id)
	Action Action
	Date   time.Time // hashdate; zero when not recorded
}

// FileEntry is a file as one generation records it.
type FileEntry struct {
	// Path is slash-separated and relative to the history's folder.
	Path string
	Size int64
	// Created and Modified are the file's dates; zero when not recorded.
	Created, Modified time.Time
	Hashes            []HashEntry
	// PreviousPath is the file's path before it was renamed, if it was.
	PreviousPath string
}

// DirHash is a folder's recorded pair of directory hashes in one format.
type DirHash struct {
	Format             Format
	Content, Structure string
	Date               time.Time // hashdate; zero when not recorded
}

// DirEntry is a folder as one generation records it.
type DirEntry struct {
	Path              string // slash-separated, relative to the history's folder
	Created, Modified time.Time
	Hashes            []DirHash
	PreviousPath      string
}

// Reference is a generation's pointer to a generation of a nested
// history, by path (relative to the referring history's folder) and c4.
type Reference struct {
	Path string // e.g. "B/ascmhl/0002_B_2020-01-16_091500Z.mhl"
	C4   string
}

// Generation is one generation file of a history. Read fills every field;
// Commit takes one with Process, Creator, Files, Dirs, Root and Ignore
// set, and fills the rest.
type Generation struct {
	Seq     int    // sequence number, from 1
	Name    string // file name inside ascmhl/
	C4      string // c4 of the file's bytes, as the chain records it
	Creator Creator
	Process Process
	// Root is the directory hashes of the history's folder (roothash).
	Root []DirHash
	// Ignore is the ignore patterns the generation was written with.
	Ignore     []string
	Files      []FileEntry
	Dirs       []DirEntry
	References []Reference
}

// ChainEntry is one line of ascmhl_chain.xml: a generation's sequence
// number, file name and hash (c4 as the reference tool writes it).
type ChainEntry struct {
	Seq    int
	Name   string
	Format Format
	Hash   string
}

// String names a chain entry as the chain does.
func (c ChainEntry) String() string { return fmt.Sprintf("%04d %s", c.Seq, c.Name) }

// FolderName is the name of the folder a history lives in, at the root
// of the folder it covers.
const FolderName = "ascmhl"

// ChainName is the name of the chain file inside FolderName.
const ChainName = "ascmhl_chain.xml"

// DefaultIgnore is the ignore list of a history that has none of its
// own, as in the reference tool.
func DefaultIgnore() []string { return []string{".DS_Store", FolderName, FolderName + "/"} }
