#!/usr/bin/python3
"""Writes what Python feedparser reads in each file of the feeds corpus: the reference that
`npm run corpus:feeds` and the corpus test hold Vigil's feed parsing to (issue 16).

Regenerate it (Debian/Ubuntu: `apt-get install -y python3-feedparser`) from the repository root:

    npm run corpus:feeds:reference

which runs `/usr/bin/python3 scripts/feedparser-reference.py [CORPUS_DIR [OUTPUT]]`, by default
from ../shared/corpus/feeds to bench/feeds-corpus/feedparser-reference.json (the Debian package
installs into the system Python, which a pyenv or venv `python3` does not see). The output is
keyed by each file's path relative to the corpus folder, with `/` separators, sorted, so a
regenerated file diffs cleanly:

    "feedparser/tests/encoding/big5.xml": {"entries": 1, "bozo": false, "replacementCharacters": false}

- `entries`: len(feed.entries), what feedparser hands its caller.
- `bozo`: feedparser flagged the document as not well-formed (it may still have entries).
- `replacementCharacters`: an entry's title or summary holds U+FFFD, so U+FFFD in Vigil's items
  of that file is in the document, not mojibake of Vigil's making.

Each file is parsed from its bytes, with no HTTP headers, as Vigil's corpus suite serves it (no
charset in the Content-Type), in a child process under a time limit: a file feedparser does not
finish within it is recorded with `"timedOut": true` and no entries.
"""

import json
import multiprocessing
import os
import sys

import feedparser

SECONDS_PER_FILE = 30
UPSTREAM_LICENSE = 'LICENSE.upstream'
REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(REPOSITORY, '..', 'shared', 'corpus', 'feeds')
DEFAULT_OUTPUT = os.path.join(REPOSITORY, 'bench', 'feeds-corpus', 'feedparser-reference.json')


def corpus_files(root):
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith('.'))
        for name in sorted(names):
            if name.startswith('.') or name == UPSTREAM_LICENSE:
                continue
            yield os.path.join(folder, name)


def read_file(path):
    with open(path, 'rb') as handle:
        body = handle.read()
    parsed = feedparser.parse(body)
    texts = [entry.get(field, '') for entry in parsed.entries for field in ('title', 'summary')]
    return {
        'entries': len(parsed.entries),
        'bozo': bool(parsed.bozo),
        'replacementCharacters': any('\ufffd' in text for text in texts if isinstance(text, str)),
    }


def new_pool():
    # One task per child process: a file that hangs feedparser costs only its own process.
    return multiprocessing.Pool(processes=1, maxtasksperchild=1)


def main(root, output):
    reference = {}
    pool = new_pool()
    try:
        for path in corpus_files(root):
            name = os.path.relpath(path, root).replace(os.sep, '/')
            pending = pool.apply_async(read_file, (path,))
            try:
                reference[name] = pending.get(SECONDS_PER_FILE)
            except multiprocessing.TimeoutError:
                pool.terminate()
                pool = new_pool()
                reference[name] = {'entries': 0, 'bozo': True, 'timedOut': True}
    finally:
        pool.terminate()
    document = {
        'generator': f'scripts/feedparser-reference.py, feedparser {feedparser.__version__}',
        'files': dict(sorted(reference.items())),
    }
    with open(output, 'w', encoding='utf-8') as handle:
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write('\n')
    with_entries = sum(1 for entry in reference.values() if entry['entries'] > 0)
    print(f'{len(reference)} files, {with_entries} with entries: {output}')


if __name__ == '__main__':
    if len(sys.argv) > 3:
        sys.exit('usage: feedparser-reference.py [CORPUS_DIR [OUTPUT_JSON]]')
    main(
        sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS,
        sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT,
    )
