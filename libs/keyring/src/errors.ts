/** The erasure fence: a destroyed subject, or any subject of an erased account, never gets a key again. */
export class SubjectErasedError extends Error {
  override readonly name = 'SubjectErasedError';
  constructor(readonly subjectId: string) {
    super(`subject ${subjectId} was erased: no personal data can be stored for it again`);
  }
}
