/** Saves a file main made (base64) through a data: link. */
export function saveFile(file: { fileName: string; mime: string; base64: string }): void {
  const a = document.createElement('a');
  a.href = `data:${file.mime};base64,${file.base64}`;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}
