// A message for the next page to show (a draft saved but not registered, say), read once.
import { ref } from 'vue'

export const flash = ref('')
