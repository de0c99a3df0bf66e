/** The report pickers' strings (namespace "report"), shared by the SKM and performance screens. */
import { addTranslations } from '../../i18n';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('report', { id, en });
