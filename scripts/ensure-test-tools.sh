#!/bin/sh
# The label tests read what was printed as a person and a scanner would: they render the PDF with
# pdftoppm and extract its text with pdftotext (Debian's poppler-utils). Installs it when missing.
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing poppler-utils (pdftoppm, pdftotext) for the label tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null && exit 0
fi
echo "the label tests need pdftoppm and pdftotext: install poppler-utils (e.g. sudo apt-get install -y poppler-utils)" >&2
exit 1
