// Names a model's page shows around it: its field in the UI's language, its campaign and recognition level,
// its unit and its owner (an organisation's name is public; a person's only for staff: `personNames`).
import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'

import { getPerson } from '@/api/community'
import { campaignById, listFields, organisationName } from '@/api/movement'
import { unitById } from '@/api/territory'
import type { Campaign, FieldInfo, Model } from '@/api/types'

/** The movement's fields, and a field's name in the UI's language. */
export function useFieldNames() {
  const { locale } = useI18n()
  const fields = ref<FieldInfo[]>([])
  listFields().then((f) => { fields.value = f }).catch(() => {})
  const fieldName = (code: string) => {
    const f = fields.value.find((x) => x.code === code)
    return f ? (locale.value === 'en' ? f.name_en : f.name) : code
  }
  return { fields, fieldName }
}

export function useModelContext(model: Ref<Model | null>, { personNames = false } = {}) {
  const { fieldName } = useFieldNames()
  const campaign = ref<Campaign | null>(null)
  const unitName = ref('')
  const ownerName = ref('')
  watch(() => model.value?.id, () => {
    const m = model.value
    if (!m) return
    campaignById(m.campaign_id).then((c) => { campaign.value = c }).catch(() => {})
    unitById(m.unit_id).then((u) => { unitName.value = u.name }).catch(() => {})
    ownerName.value = ''
    if (m.owner_organisation_id) organisationName(m.owner_organisation_id).then((n) => { ownerName.value = n }).catch(() => {})
    else if (m.owner_person_id && personNames) getPerson(m.owner_person_id).then((p) => { ownerName.value = p.full_name }).catch(() => {})
  }, { immediate: true })
  const field = computed(() => (model.value ? fieldName(model.value.field) : ''))
  const levelName = computed(() => campaign.value?.levels.find((l) => l.code === model.value?.recognition_level)?.name
    ?? model.value?.recognition_level ?? '')
  return { campaign, unitName, ownerName, fieldName: field, levelName }
}
