/** The words of opening an application (the counter console's and the staff list's dialog) and its receipt. */
import { addTranslations } from '../../i18n';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('applicationForm', { id, en });
