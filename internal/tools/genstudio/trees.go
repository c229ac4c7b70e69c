package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// writeScanTree writes a studio of about files files in half as many
// folders across 3 databases and 4 categories, for load benchmarks. Files
// are sparse: they have sizes but no data, since a scan reads only
// metadata.
func writeScanTree(dir string, files int) error {
	rng := rand.New(rand.NewPCG(1, 2))
	dbs := []string{"WORK", "STORAGE", "NAS"}
	cats := []string{"project", "footage", "scratch/render", "scratch/cache"}
	const perProject = 100 // 10 sequences × (2 files + 4 shots × 2 files)
	projects := max(1, files/perProject)
	for p := range projects {
		db, cat := dbs[p%len(dbs)], cats[(p/len(dbs))%len(cats)]
		client := fmt.Sprintf("client%02d", p%23)
		base := filepath.Join(dir, db, cat, client, fmt.Sprintf("project%04d", p))
		if err := writeProjectTree(base, rng); err != nil {
			return err
		}
	}
	return nil
}

func writeProjectTree(base string, rng *rand.Rand) error {
	for seq := range 10 {
		seqDir := filepath.Join(base, fmt.Sprintf("seq%02d", seq))
		if err := sparseFiles(seqDir, 2, rng); err != nil {
			return err
		}
		for shot := range 4 {
			if err := sparseFiles(filepath.Join(seqDir, fmt.Sprintf("sh%03d", shot*10)), 2, rng); err != nil {
				return err
			}
		}
	}
	return nil
}

func sparseFiles(dir string, n int, rng *rand.Rand) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("file%d.dat", i)))
		if err != nil {
			return err
		}
		err = f.Truncate(1024 + rng.Int64N(10<<20))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeLarge writes count files of size bytes of random data.
func writeLarge(dir string, count int, size int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	buf := randomBytes(7, 4<<20)
	for i := range count {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("A%03d_C%03d.mov", i+1, i*7%100)))
		if err != nil {
			return err
		}
		for off := int64(0); off < size && err == nil; off += int64(len(buf)) {
			chunk := buf[:min(int64(len(buf)), size-off)]
			chunk[0], chunk[1] = byte(i), byte(off>>22) // no two chunks alike
			_, err = f.Write(chunk)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeSmall writes count files of 4-64 KB of random data, 100 to a
// folder.
func writeSmall(dir string, count int) error {
	rng := rand.New(rand.NewPCG(3, 4))
	buf := randomBytes(11, 64<<10)
	for i := range count {
		sub := filepath.Join(dir, fmt.Sprintf("shot%04d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		size := 4<<10 + rng.IntN(60<<10)
		buf[0], buf[1], buf[2] = byte(i), byte(i>>8), byte(i>>16)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("frame_%06d.exr", i)), buf[:size], 0o644); err != nil {
			return err
		}
	}
	return nil
}
