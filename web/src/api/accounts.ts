import { api } from './client'
import type { NewUser, Page, Token, User } from './types'

export const listUsers = (page = 1, page_size = 50) => api.get<Page<User>>('/users', { page, page_size })
export const createUser = (u: NewUser) => api.post<User>('/users', u)

export const listTokens = () => api.get<{ items: Token[] }>('/tokens')
export const issueToken = (t: { name: string; expires_on?: string; user_id?: number }) => api.post<Token>('/tokens', t)
export const revokeToken = (id: number) => api.del(`/tokens/${id}`)

export const changePassword = (current_password: string, new_password: string) =>
  api.post<void>('/me/password', { current_password, new_password })
