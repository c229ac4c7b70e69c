// Package report renders the two HTML pages autobackup writes for people:
// the studio report (every database's space, the presence grid of every
// project × category × database, the locations at risk) and the transfer
// report (what one copy, verify or free did).
//
// Each page is one self-contained file: inline CSS and a small inline
// script, system fonts, no network and no other file, so it opens in any
// browser, can be mailed, and prints on A4 or Letter in landscape. Every
// name is escaped by html/template and isolated with <bdi>, so a folder
// named "<script>…" or holding right-to-left marks shows as the text it is.
//
// The package knows nothing of the index or the copy engine: the caller
// fills a plain model ([Studio] or [Transfer]) and calls its Render method,
// or [WriteFile] to put the page at a path atomically. The same model
// always renders the same bytes.
package report
