import { MarkdownTextSplitter, RecursiveCharacterTextSplitter } from "@langchain/textsplitters";

/** Characters a chunk holds at most, by default. */
export const DEFAULT_CHUNK_SIZE = 1000;
/** Characters shared by neighbouring chunks, by default. */
export const DEFAULT_CHUNK_OVERLAP = 100;

export interface ChunkOptions {
  chunkSize?: number;
  chunkOverlap?: number;
  /** Split on Markdown structure (headings, lists, code) first. */
  markdown?: boolean;
}

export interface TextChunk {
  text: string;
  /** Character offsets of the chunk in the text (start inclusive, end exclusive). */
  start: number;
  end: number;
}

/** Splits `text` with @langchain/textsplitters and finds each chunk's offsets in it. */
export async function chunkText(text: string, options: ChunkOptions = {}): Promise<TextChunk[]> {
  const params = {
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    chunkOverlap: options.chunkOverlap ?? DEFAULT_CHUNK_OVERLAP,
  };
  const splitter =
    options.markdown === true ? new MarkdownTextSplitter(params) : new RecursiveCharacterTextSplitter(params);
  const pieces = (await splitter.splitText(text)).filter((piece) => piece.trim().length > 0);
  const chunks: TextChunk[] = [];
  let from = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, from);
    const start = found === -1 ? from : found;
    chunks.push({ text: piece, start, end: start + piece.length });
    // Overlapping chunks may start before the previous one ends.
    from = found === -1 ? from : found + 1;
  }
  return chunks;
}
