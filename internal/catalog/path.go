package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"unicode"
)

// DefaultPath is the catalog of a config file: in the user's state folder
// ($XDG_STATE_HOME/autobackup, else ~/.local/state/autobackup), named
// after the folder the config file is in, with a short hash of its path
// to keep two configs of one name apart. stateHome is $XDG_STATE_HOME,
// home the user's home folder.
func DefaultPath(config, stateHome, home string) (string, error) {
	abs, err := filepath.Abs(config)
	if err != nil {
		return "", err
	}
	dir := stateHome
	if dir == "" {
		if home == "" {
			return "", errors.New("no state folder: set $XDG_STATE_HOME or $HOME, or choose a catalog with --catalog PATH")
		}
		dir = filepath.Join(home, ".local", "state")
	}
	sum := sha256.Sum256([]byte(abs))
	name := safeName(filepath.Base(filepath.Dir(abs)))
	return filepath.Join(dir, "autobackup", "catalog-"+name+"-"+hex.EncodeToString(sum[:4])+".db"), nil
}

// safeName keeps letters, digits, - and _ of a name, for a file name.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
	if len(s) > 40 {
		s = s[:40]
	}
	if strings.Trim(s, "_") == "" {
		return "config"
	}
	return s
}
