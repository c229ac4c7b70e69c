package report

import "testing"

func TestStateWords(t *testing.T) {
	tests := []struct {
		state          State
		name, symbol   string
		meaningPresent bool
	}{
		{Missing, "missing", "—", true},
		{Copy, "copy", "✓", true},
		{Stale, "stale", "~", true},
		{Differs, "differs", "≠", true},
		{Incomplete, "incomplete", "…", true},
		{Offline, "offline", "⏏", true},
		{State(-1), "State(-1)", "?", false},
		{numStates, "State(6)", "?", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.state.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			if got := tt.state.Symbol(); got != tt.symbol {
				t.Errorf("Symbol() = %q, want %q", got, tt.symbol)
			}
			if got := tt.state.Meaning(); (got != "unknown state") != tt.meaningPresent {
				t.Errorf("Meaning() = %q", got)
			}
		})
	}
}

func TestStatesListsEachOnce(t *testing.T) {
	seen := map[State]bool{}
	for _, s := range States() {
		if seen[s] || !s.valid() {
			t.Errorf("States() has %v twice or invalid", s)
		}
		seen[s] = true
	}
	if len(seen) != int(numStates) {
		t.Errorf("States() lists %d states, want %d", len(seen), numStates)
	}
	if (Cell{}).State != Missing {
		t.Error("a zero Cell is not Missing")
	}
}
