import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { OpenCaptureButton } from '../capture/OpenCaptureButton';
import { PresentationButton } from '../presentation/PresentationButton';
import { useHeightVariable } from '../stage/useSizeVariable';
import { PHONE_EITHER_WAY } from '../mediaQueries';
import { useMediaQuery } from '../useMediaQuery';
import './header.css';
import { LanguageSwitch } from './LanguageSwitch';
import { MoreTools } from './MoreTools';
import { MotionToggle } from './MotionToggle';
import { ScenarioSummary } from './ScenarioSummary';
import { useCurrentView, ViewTabs } from './ViewTabs';

/**
 * The app's top: its name, the view tabs, the tools (presentation mode, reduce motion, language) and the
 * scenario in words. As short as the screen needs: one or two rows on a laptop, where "reduce motion"
 * folds into "More options" unless the screen is wide (1500 px and more), so that the tabs and the tools
 * keep one row in either language; on a phone the presentation switch folds there too (the language
 * stays in sight). The presentation button exists once, in the row or in the fold, so the DOM's order is
 * the order on screen. Its height is `--chrome-h`, so a view can give the rest of the screen to its first
 * screen (stage.css).
 */
export function Header() {
  const { t } = useTranslation();
  const view = useCurrentView();
  const ref = useRef<HTMLElement>(null);
  const phone = useMediaQuery(PHONE_EITHER_WAY);
  useHeightVariable(ref, '--chrome-h');
  return (
    <header className="app-header" ref={ref}>
      <div className="app-brand">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <ViewTabs />
      <div className="app-header-tools">
        {!phone && <PresentationButton />}
        <MoreTools>
          {/* On every view, in the fold so the header keeps its one row: the keyboard's way to open a
              capture (a file can also be dropped anywhere, and the Capture tab has the same button). */}
          <OpenCaptureButton />
          {phone && <PresentationButton />}
          <MotionToggle />
        </MoreTools>
        <LanguageSwitch />
      </div>
      {view?.showsScenario !== false && <ScenarioSummary />}
    </header>
  );
}
