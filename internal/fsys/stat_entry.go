package fsys

import (
	"time"

	"golang.org/x/sys/unix"
)

func entryOf(name string, st *unix.Stat_t) Entry {
	e := Entry{
		Name:    name,
		Kind:    kindOf(uint32(st.Mode)),
		Mode:    permOf(uint32(st.Mode)) | typeOf(uint32(st.Mode)),
		Size:    st.Size,
		ModTime: time.Unix(st.Mtim.Unix()),
		Change:  time.Unix(st.Ctim.Unix()),
		ID:      ID{uint64(st.Dev), uint64(st.Ino)},
		Links:   uint64(st.Nlink),
	}
	if e.Kind == KindDir || e.Kind == KindSpecial {
		e.Size = 0
	}
	return e
}
