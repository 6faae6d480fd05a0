import type { Directory, DirectorySource } from '../../../platform/directory/directory-cache';
import type { IndexSource } from './ask-service';
import { BUILT_IN_LEXICON, type Lexicon } from './lexicon';
import { DirectoryIndex } from './search-index';

/**
 * Ask's search index over the instance's in-memory directory: built once per directory snapshot (that is, once
 * per change of the directory in storage) and kept while the snapshot is current.
 */
export class SearchIndexCache implements IndexSource {
  private built: { readonly directory: Directory; readonly index: DirectoryIndex } | undefined;

  constructor(
    private readonly directory: DirectorySource,
    private readonly lexicon: Lexicon = BUILT_IN_LEXICON,
  ) {}

  async current(): Promise<DirectoryIndex> {
    const directory = await this.directory.current();
    if (this.built?.directory !== directory) this.built = { directory, index: new DirectoryIndex(directory, this.lexicon) };
    return this.built.index;
  }
}
