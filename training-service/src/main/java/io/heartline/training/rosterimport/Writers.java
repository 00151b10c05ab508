package io.heartline.training.rosterimport;

import io.heartline.training.directory.Directory;
import io.heartline.training.directory.Organisations;

/** The directory's write paths an import uses. */
record Writers(Directory directory, Organisations organisations) {
}
