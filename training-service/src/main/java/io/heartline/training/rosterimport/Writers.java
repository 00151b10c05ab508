package io.heartline.training.rosterimport;

import io.heartline.training.directory.Directory;
import io.heartline.training.directory.Organisations;

/** The directory's write paths an import uses; {@code publish} false in a dry run (no events). */
record Writers(Directory directory, Organisations organisations, boolean publish) {
}
