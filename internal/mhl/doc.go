// Package mhl reads, verifies and writes ASC MHL v2.0 histories.
package mhl
