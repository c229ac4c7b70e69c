// Package mhl reads, verifies and writes ASC MHL v2.0 histories: the
// ascmhl/ folder that the film industry keeps beside media, listing every
// file with its hashes, one generation file per check or copy, chained by
// ascmhl_chain.xml. What it writes follows the reference tool
// (github.com/ascmitc/mhl) to the byte, so that tool and others read it.
//
//   - Format, HashReader: the hash formats (xxh128, xxh3, xxh64, md5,
//     sha1, c4) and their MHL string forms.
//   - DirHasher, Tree: directory content and structure hashes.
//   - Read, History, Record: a history read through an io/fs.FS, with
//     its chain checked and its nested histories; Lookup and Files give
//     what it records of each file.
//   - Verify: a folder checked against its history (ok, missing, new,
//     changed; directory hashes).
//   - Seal, Classify, Commit, WriteFS, DirFS: a new generation built and
//     written, the generation file first and the chain last, each
//     atomically.
package mhl
