// Element Plus's date pickers take the week's first day and day names from dayjs's locale of the same name.
import 'dayjs/locale/vi'
