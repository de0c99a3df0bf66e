/** The complaint strings shared by the citizen's form and page and the staff screen (namespace "complaint"). */
import { addTranslations } from '../../i18n';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('complaint', { id, en });
