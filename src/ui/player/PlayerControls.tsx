import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectAtEnd, selectAtStart, selectPlaying } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { Icon } from './icons';
import './player.css';
import { Scrubber } from './Scrubber';
import { SpeedControl } from './SpeedControl';

/** First, back, play/pause, forward, last: the same actions as the keys (usePlayerKeys). */
export function PlayerControls() {
  const { t } = useTranslation();
  const playing = useSim(selectPlaying);
  const atStart = useSim(selectAtStart);
  const atEnd = useSim(selectAtEnd);
  const first = useSim((s) => s.first);
  const stepBack = useSim((s) => s.stepBack);
  const togglePlay = useSim((s) => s.togglePlay);
  const stepForward = useSim((s) => s.stepForward);
  const last = useSim((s) => s.last);
  const playLabel = playing ? t('player.pause') : t('player.play');
  const keysId = useId();

  return (
    <div className="player" role="group" aria-label={t('player.label')} aria-describedby={keysId}>
      <div className="player-buttons">
        <PlayerButton label={t('player.first')} icon="first" inactive={atStart} onPress={first} />
        <PlayerButton label={t('player.back')} icon="back" inactive={atStart} onPress={stepBack} />
        <button type="button" className="player-play" onClick={togglePlay}>
          <Icon name={playing ? 'pause' : 'play'} />
          <span>{playLabel}</span>
        </button>
        <PlayerButton label={t('player.forward')} icon="forward" inactive={atEnd} onPress={stepForward} />
        <PlayerButton label={t('player.last')} icon="last" inactive={atEnd} onPress={last} />
      </div>
      <SpeedControl />
      <Scrubber />
      <p className="player-keys" id={keysId}>
        {t('player.keys')}
      </p>
    </div>
  );
}

interface PlayerButtonProps {
  readonly label: string;
  readonly icon: 'first' | 'back' | 'forward' | 'last';
  /** At either end: announced as unavailable but kept focusable, so the focus does not jump away. */
  readonly inactive: boolean;
  readonly onPress: () => void;
}

function PlayerButton({ label, icon, inactive, onPress }: PlayerButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-disabled={inactive}
      onClick={inactive ? undefined : onPress}
    >
      <Icon name={icon} />
    </button>
  );
}
