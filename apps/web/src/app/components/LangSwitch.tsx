import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Toggles Chinese ⇄ English; shows the language it switches to, in that language. */
export function LangSwitch({ light = false }: { light?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button
      type={light ? 'text' : 'default'}
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => setLang(next)}
      aria-label={`${t('lang.switchLabel')}: ${next === 'en' ? 'English' : '中文'}`}
      lang={next === 'en' ? 'en' : 'zh-CN'}
      data-testid="lang-switch"
    >
      {next === 'en' ? 'EN' : '中文'}
    </Button>
  );
}
