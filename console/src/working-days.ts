/** Working days left until a due date, on the Chinese calendar (法定节假日 and 调休 counted). */
import chineseDays from 'chinese-days';

export function workingDaysLeft(today: string, dueDate: string): number {
  if (dueDate < today) return -chineseDays.getWorkdaysInRange(dueDate, today, false).filter((day) => day !== dueDate).length;
  return chineseDays.getWorkdaysInRange(today, dueDate, false).filter((day) => day !== today).length;
}
