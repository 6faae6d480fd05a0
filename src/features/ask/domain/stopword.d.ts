// The `stopword` package ships no type declarations; these are the lists we use.
declare module 'stopword' {
  export const deu: readonly string[];
  export const eng: readonly string[];
}
