// Files picked in the browser as the API's JSON uploads take them: a name and the bytes in base64 (no data: prefix).

/** A file as the API takes it in a JSON body. */
export interface Upload { file_name: string; content_base64: string }

/** The bytes of a file (or blob) in base64, without the data: prefix. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

/** A picked file as an upload: its name and its bytes. */
export async function uploadOf(file: File): Promise<Upload> {
  return { file_name: file.name, content_base64: await fileToBase64(file) }
}

/** Every picked file as an upload, in order. */
export const uploadsOf = (files: File[]): Promise<Upload[]> => Promise.all(files.map(uploadOf))
