package report

import (
	"embed"
	"html/template"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// pages holds the parsed templates: "studio" and "transfer", which share
// "style" and the studio's "filter" script. It is parsed once and only
// read after, which html/template allows from many goroutines.
var pages = template.Must(template.New("").ParseFS(templateFiles, "templates/*.tmpl"))
