<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventKindTexts</name>
    <message>
        <source>wakeup pipe created; its read end, fd {fd}, becomes watch 1</source>
        <translation>唤醒管道已创建；它的读端 fd {fd} 成为 watch 1</translation>
    </message>
    <message>
        <source>virEventPollInit prepares the one event loop of the process. It creates a pipe and registers its read end as the very first handle, watch 1. This self-pipe is how other threads wake the loop while it sleeps in poll(): they write a byte into it.</source>
        <translation>virEventPollInit 为进程准备唯一的事件循环。它创建一个管道，并把管道的读端注册为第一个句柄，即 watch 1。循环在 poll() 中睡眠时，其他线程就是通过这个自管道（self-pipe）唤醒它的：往里写一个字节。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} mode {events}, callback {text}</source>
        <translation>watch {watch} fd {fd} 模式 {events}，回调 {text}</translation>
    </message>
    <message>
        <source>virEventPollAddHandle asks the loop to watch a file descriptor for the given events and to call the callback when they happen. The record is appended to the handles array under a new watch id, which is never reused. If the loop is sleeping in poll() on another thread, it is woken so that its next poll includes the new fd.</source>
        <translation>virEventPollAddHandle 请求循环关注某个文件描述符上的指定事件，并在事件发生时调用回调。这条记录以一个新的 watch 编号追加到 handles 数组末尾，watch 编号从不复用。如果循环正在另一个线程上的 poll() 中睡眠，就会被唤醒，好让下一次 poll 包含这个新的 fd。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} mode {events}</source>
        <translation>watch {watch} fd {fd} 模式 {events}</translation>
    </message>
    <message>
        <source>virEventPollUpdateHandle changes which events a handle waits for, for example adding WRITABLE when a reply is queued. The record is found by its watch, even if it is already marked deleted. The change only counts from the next poll set, so the loop is woken to rebuild it.</source>
        <translation>virEventPollUpdateHandle 修改句柄所等待的事件，例如在应答排入队列时加上 WRITABLE。记录按 watch 查找，即使它已被标记为删除也能找到。这一修改要到下一个 poll 集合才生效，所以要唤醒循环来重建 poll 集合。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} marked deleted</source>
        <translation>watch {watch} fd {fd} 已标记为删除</translation>
    </message>
    <message>
        <source>virEventPollRemoveHandle does not free anything: it only marks the record deleted. The loop may be in the middle of dispatching, so the record is purged later, in a cleanup phase of the loop thread. Closing the fd is the caller&apos;s job.</source>
        <translation>virEventPollRemoveHandle 不释放任何东西：它只把记录标记为已删除。循环此时可能正在分发事件，所以记录要等到之后循环线程的清理阶段才被清除。关闭 fd 是调用者自己的事。</translation>
    </message>
    <message>
        <source>timer {timer} {frequency}, callback {text}</source>
        <translation>定时器 {timer} {frequency}，回调 {text}</translation>
    </message>
    <message>
        <source>virEventPollAddTimeout registers a timer: -1 means disabled, 0 means fire on every iteration, and N means about every N milliseconds. It is appended to the timeouts array with a new id. The loop is woken so that poll&apos;s timeout takes the new timer into account.</source>
        <translation>virEventPollAddTimeout 注册一个定时器：-1 表示禁用，0 表示每次迭代都触发，N 表示大约每 N 毫秒触发一次。它以一个新的编号追加到 timeouts 数组末尾。循环会被唤醒，使 poll 的超时时间把新定时器考虑在内。</translation>
    </message>
    <message>
        <source>timer {timer} now {frequency}</source>
        <translation>定时器 {timer} 改为{frequency}</translation>
    </message>
    <message>
        <source>virEventPollUpdateTimeout changes a timer&apos;s frequency and always restarts its period from now, even if the frequency stays the same. Setting -1 disables the timer without removing it. The loop is woken to recompute how long poll may sleep.</source>
        <translation>virEventPollUpdateTimeout 修改定时器的频率，并且总是从此刻起重新计算周期，即使频率没有变化。设为 -1 会禁用定时器，但不会移除它。循环会被唤醒，重新计算 poll 可以睡眠多久。</translation>
    </message>
    <message>
        <source>timer {timer} marked deleted</source>
        <translation>定时器 {timer} 已标记为删除</translation>
    </message>
    <message>
        <source>virEventPollRemoveTimeout only marks the timer deleted; a cleanup phase of the loop purges it later. A deleted timer is skipped by dispatch, so removing a timer from another timer&apos;s callback is safe.</source>
        <translation>virEventPollRemoveTimeout 只把定时器标记为已删除，之后由循环的清理阶段将其清除。分发时会跳过已删除的定时器，所以在另一个定时器的回调中移除定时器是安全的。</translation>
    </message>
    <message>
        <source>iteration {iteration} begins: {handles} handles, {timeouts} timeouts</source>
        <translation>第 {iteration} 次迭代开始：{handles} 个句柄，{timeouts} 个定时器</translation>
    </message>
    <message>
        <source>virEventPollRunOnce is one turn of the loop. Under the loop lock it sets running and records this thread as the leader, in the same critical section that builds the poll set. That is why no change is lost: one made earlier is in the set, one made later sees running and writes the wakeup pipe.</source>
        <translation>virEventPollRunOnce 是循环的一轮。它持有循环锁，设置 running 并把当前线程记为 leader，这与构建 poll 集合处在同一个临界区内。正因如此，任何修改都不会丢失：之前做的修改已在集合中，之后做的修改会看到 running，从而写唤醒管道。</translation>
    </message>
    <message>
        <source>iteration {iteration} ends: {handles} handles, {timeouts} timeouts</source>
        <translation>第 {iteration} 次迭代结束：{handles} 个句柄，{timeouts} 个定时器</translation>
    </message>
    <message>
        <source>The iteration is over: timers and ready handles were dispatched and deleted records purged. running goes back to 0, so an API call from another thread no longer needs to wake anybody. The caller, qemudRunLoop, calls RunOnce again right away.</source>
        <translation>本次迭代结束：定时器和就绪的句柄都已分发，已删除的记录也已清除。running 变回 0，所以其他线程调用 API 时不再需要唤醒谁。调用者 qemudRunLoop 会立即再次调用 RunOnce。</translation>
    </message>
    <message>
        <source>iteration {iteration} failed: {reason}</source>
        <translation>第 {iteration} 次迭代失败：{reason}</translation>
    </message>
    <message>
        <source>poll() failed with something other than EINTR, so the iteration gives up and returns -1. As in libvirt, running stays set on this path, which only costs a spurious wakeup later.</source>
        <translation>poll() 因 EINTR 以外的原因失败，所以本次迭代放弃并返回 -1。与 libvirt 一样，在这条路径上 running 保持为已设置，代价只是之后多一次无谓的唤醒。</translation>
    </message>
    <message>
        <source>looking for deleted timeouts among {timeouts}</source>
        <translation>在 {timeouts} 个定时器中查找已删除的记录</translation>
    </message>
    <message>
        <source>virEventPollCleanupTimeouts walks the timeouts array and purges the records marked deleted. It runs at the start of every iteration and again after dispatch, always on the loop thread, so no callback can be using a record while it is freed.</source>
        <translation>virEventPollCleanupTimeouts 遍历 timeouts 数组，清除被标记为已删除的记录。它在每次迭代开始时和分发之后各运行一次，总是在循环线程上，所以记录被释放时不可能有回调正在使用它。</translation>
    </message>
    <message>
        <source>looking for deleted handles among {handles}</source>
        <translation>在 {handles} 个句柄中查找已删除的记录</translation>
    </message>
    <message>
        <source>virEventPollCleanupHandles walks the handles array and purges the records marked deleted. Doing it here, on the loop thread and between dispatches, is what makes removing a handle from inside a callback safe. Afterwards the array may shrink if much of it is unused.</source>
        <translation>virEventPollCleanupHandles 遍历 handles 数组，清除被标记为已删除的记录。正因为清除发生在这里——在循环线程上、在两次分发之间——在回调内部移除句柄才是安全的。之后如果数组大部分空闲，它可能会收缩。</translation>
    </message>
    <message>
        <source>timer {timer} purged ({text})</source>
        <translation>定时器 {timer} 已清除（{text}）</translation>
    </message>
    <message>
        <source>A deleted timer is removed from the array now. If it has a free callback, that is called first, with the loop lock released. The records after it move down one slot, keeping their order.</source>
        <translation>已删除的定时器现在从数组中移除。如果它有释放回调，会先在释放循环锁的情况下调用该回调。它后面的记录依次前移一格，保持原有顺序。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} purged ({text})</source>
        <translation>watch {watch} fd {fd} 已清除（{text}）</translation>
    </message>
    <message>
        <source>A deleted handle is removed from the array now, its free callback (if any) being called first with the lock released. This is the only place records leave the array; the records after it move down one slot and keep their registration order.</source>
        <translation>已删除的句柄现在从数组中移除；如果有释放回调，会先在释放锁的情况下调用它。这是记录离开数组的唯一地方；它后面的记录依次前移一格，保持注册时的顺序。</translation>
    </message>
    <message>
        <source>free callback of {owner} runs</source>
        <translation>{owner} 的释放回调开始运行</translation>
    </message>
    <message>
        <source>The free callback given at registration is called so its owner can release the opaque data. It runs only here, on the loop thread and with the loop lock released, so it may call the loop&apos;s API without deadlocking.</source>
        <translation>调用注册时给出的释放回调，让其所有者释放不透明数据。它只在这里运行——在循环线程上、且已释放循环锁——所以它可以调用循环的 API 而不会死锁。</translation>
    </message>
    <message>
        <source>free callback of {owner} returned</source>
        <translation>{owner} 的释放回调已返回</translation>
    </message>
    <message>
        <source>The free callback has returned. The loop takes its lock back and finishes removing the record from the array.</source>
        <translation>释放回调已返回。循环重新获取锁，完成把记录从数组中移除的工作。</translation>
    </message>
    <message>
        <source>{nfds} of {handles} handles go into the poll set</source>
        <translation>{handles} 个句柄中有 {nfds} 个进入 poll 集合</translation>
    </message>
    <message>
        <source>virEventPollMakePollFDs builds the array poll() will wait on: one pollfd per handle that is not deleted and asks for at least one event, in array order. A handle whose events are 0 stays registered but is simply not watched.</source>
        <translation>virEventPollMakePollFDs 构建 poll() 将要等待的数组：每个未删除且至少关注一种事件的句柄对应一个 pollfd，按数组顺序排列。事件为 0 的句柄仍然保持注册，只是不被关注。</translation>
    </message>
    <message>
        <source>{pollWait}</source>
        <translation>{pollWait}</translation>
    </message>
    <message>
        <source>virEventPollCalculateTimeout finds the enabled timer that expires first and turns it into poll&apos;s timeout in milliseconds. With no enabled timer the timeout is -1 and poll may sleep until an fd is ready; with a timer already due it is 0.</source>
        <translation>virEventPollCalculateTimeout 找出最先到期的已启用定时器，并把它换算成 poll 的超时时间（毫秒）。没有已启用的定时器时超时为 -1，poll 可以一直睡眠到某个 fd 就绪；已有定时器到期时超时为 0。</translation>
    </message>
    <message>
        <source>poll({nfds} fds, {timeout})</source>
        <translation>poll（{nfds} 个 fd，{timeout}）</translation>
    </message>
    <message>
        <source>The loop releases its lock and sleeps in poll() until one of the fds is ready or the timeout expires. While it sleeps, other threads may still change handles and timers: they write the wakeup pipe so the sleep ends and the changes are picked up.</source>
        <translation>循环释放锁，在 poll() 中睡眠，直到某个 fd 就绪或超时到期。在它睡眠期间，其他线程仍可以修改句柄和定时器：它们会写唤醒管道，让睡眠结束，使修改得以生效。</translation>
    </message>
    <message>
        <source>{pollResult}</source>
        <translation>{pollResult}</translation>
    </message>
    <message>
        <source>poll() has returned: its result is the number of fds with events, 0 on timeout, or -1 on error. The kernel wrote the returned events (revents) of each fd into the poll set, which dispatch now reads.</source>
        <translation>poll() 已返回：返回值是有事件发生的 fd 个数，超时为 0，出错为 -1。内核已把每个 fd 返回的事件（revents）写入 poll 集合，分发阶段现在就读取它们。</translation>
    </message>
    <message>
        <source>poll interrupted by {errno}: retried with the same timeout</source>
        <translation>poll 被 {errno} 中断：以相同的超时重试</translation>
    </message>
    <message>
        <source>poll() was interrupted by a signal (EINTR) before anything happened. libvirt simply calls it again with the same fds and the same timeout, without recomputing it.</source>
        <translation>poll() 在任何事件发生之前被信号中断（EINTR）。libvirt 只是用同样的 fd 和同样的超时时间再次调用它，并不重新计算超时。</translation>
    </message>
    <message>
        <source>checking {timeouts} timeouts for expiry</source>
        <translation>检查 {timeouts} 个定时器是否到期</translation>
    </message>
    <message>
        <source>virEventPollDispatchTimeouts runs on every iteration, even when poll timed out. It fires each enabled timer whose expiry is due, allowing 20 ms early so the loop does not wake for tiny sleeps. Timers added by these callbacks wait for the next iteration.</source>
        <translation>virEventPollDispatchTimeouts 在每次迭代都会运行，即使 poll 超时返回也一样。它触发每个已到期的已启用定时器，并允许提前 20 毫秒，免得循环为极短的睡眠而醒来。这些回调中新加入的定时器要等到下一次迭代。</translation>
    </message>
    <message>
        <source>timer {timer} fires: {text}</source>
        <translation>定时器 {timer} 触发：{text}</translation>
    </message>
    <message>
        <source>A timer is due, so its callback is called, with the loop lock released. Its next expiry was set just before, to now plus its frequency: missed periods are dropped, not caught up.</source>
        <translation>定时器到期，于是在释放循环锁的情况下调用它的回调。它的下一次到期时间刚刚已设为当前时间加上频率：错过的周期直接丢弃，不会补触发。</translation>
    </message>
    <message>
        <source>timer {timer} callback returned</source>
        <translation>定时器 {timer} 的回调已返回</translation>
    </message>
    <message>
        <source>The timer callback has returned and the loop takes its lock back. It re-reads the timeouts array, because the callback may have added timers and so moved the array in memory.</source>
        <translation>定时器回调已返回，循环重新获取锁。它会重新读取 timeouts 数组，因为回调可能加入了定时器，从而使数组在内存中搬了家。</translation>
    </message>
    <message>
        <source>matching {nfds} polled fds to their handles</source>
        <translation>把 {nfds} 个被 poll 的 fd 与各自的句柄配对</translation>
    </message>
    <message>
        <source>virEventPollDispatchHandles pairs each entry of the poll set with its handle record, walking both in order by fd. It only runs when poll returned something. Handles added meanwhile sit after the polled ones and wait for the next iteration.</source>
        <translation>virEventPollDispatchHandles 把 poll 集合中的每一项与对应的句柄记录配对，按 fd 顺序同时遍历两者。只有 poll 返回了事件时它才运行。期间新加入的句柄排在被 poll 的句柄之后，要等到下一次迭代。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} ready {revents}: {text}</source>
        <translation>watch {watch} fd {fd} 就绪 {revents}：{text}</translation>
    </message>
    <message>
        <source>poll reported events on this fd, so the handle&apos;s callback is called with the watch, the fd and the events converted back to VIR_EVENT_HANDLE bits. The loop lock is released during the call, so the callback may add, update or remove handles itself.</source>
        <translation>poll 报告这个 fd 上有事件，于是调用句柄的回调，参数是 watch、fd，以及转换回 VIR_EVENT_HANDLE 位的事件。调用期间循环锁是释放的，所以回调自己也可以添加、更新或移除句柄。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} callback returned</source>
        <translation>watch {watch} fd {fd} 的回调已返回</translation>
    </message>
    <message>
        <source>The handle callback has returned and the loop takes its lock back to continue the walk over the poll set. The callback may have changed the arrays meanwhile, so the walk reads the records again rather than trusting what it saw before.</source>
        <translation>句柄回调已返回，循环重新获取锁，继续遍历 poll 集合。回调期间数组可能已被修改，所以遍历会重新读取记录，而不是信任之前看到的内容。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} ready {revents} but deleted: skipped</source>
        <translation>watch {watch} fd {fd} 就绪 {revents}，但已删除：跳过</translation>
    </message>
    <message>
        <source>poll reported events on this fd, but its handle was removed after the poll set was built, perhaps by an earlier callback in this same pass. A deleted handle is never called back, so the events are ignored and the record waits to be purged.</source>
        <translation>poll 报告这个 fd 上有事件，但它的句柄在 poll 集合构建之后已被移除，可能是本轮中更早的某个回调干的。已删除的句柄永远不会被回调，所以这些事件被忽略，记录等待被清除。</translation>
    </message>
    <message>
        <source>no handle left for fd {fd}: {nfds} polled fds wait for the next iteration</source>
        <translation>fd {fd} 已没有对应的句柄：{nfds} 个被 poll 的 fd 等待下一次迭代</translation>
    </message>
    <message>
        <source>Dispatch found no record left that matches this polled fd, for instance because its events were set to 0 during the poll. libvirt then stops dispatching for this iteration. poll is level-triggered, so the other ready fds simply fire again on the next turn.</source>
        <translation>分发时找不到与这个被 poll 的 fd 相匹配的记录，例如因为它的事件在 poll 期间被设成了 0。libvirt 于是停止本次迭代的分发。poll 是水平触发的，所以其他就绪的 fd 会在下一轮再次触发。</translation>
    </message>
    <message>
        <source>wrote one byte to the wakeup pipe</source>
        <translation>往唤醒管道写入一个字节</translation>
    </message>
    <message>
        <source>virEventPollInterruptLocked wakes a loop that sleeps in poll() by writing one byte into the wakeup pipe. It writes nothing when the loop is not running, or when the caller is the loop thread itself, because then the poll set is rebuilt before the next poll anyway.</source>
        <translation>virEventPollInterruptLocked 往唤醒管道写一个字节，唤醒正在 poll() 中睡眠的循环。如果循环没有在运行，或者调用者就是循环线程本身，它什么也不写，因为在下一次 poll 之前 poll 集合反正会重建。</translation>
    </message>
    <message>
        <source>drained one byte from the wakeup pipe</source>
        <translation>从唤醒管道读出一个字节</translation>
    </message>
    <message>
        <source>virEventPollHandleWakeup is the callback of watch 1, the wakeup pipe. It reads exactly one byte; its only purpose was to end the poll, so the loop can rebuild the poll set with the latest changes. If several bytes are pending, the loop runs several short iterations.</source>
        <translation>virEventPollHandleWakeup 是 watch 1（唤醒管道）的回调。它正好读取一个字节；这个字节唯一的用途就是结束 poll，让循环能用最新的修改重建 poll 集合。如果有多个字节待读，循环就会跑几次短暂的迭代。</translation>
    </message>
    <message>
        <source>loop held {reason}</source>
        <translation>循环暂停：{reason}</translation>
    </message>
    <message>
        <source>pollscope&apos;s step control is holding the loop at this point, so you can look at the state before the next phase runs. This is not part of libvirt: it only stops time for the learner.</source>
        <translation>pollscope 的单步控制把循环停在了这里，让你可以在下一阶段运行之前查看状态。这不属于 libvirt：它只是为学习者让时间暂停。</translation>
    </message>
    <message>
        <source>loop released {reason}</source>
        <translation>循环继续运行：{reason}</translation>
    </message>
    <message>
        <source>The step control let the loop go on from where it was held. Everything continues exactly as libvirt would have done without the pause.</source>
        <translation>单步控制让循环从停住的地方继续运行。一切都与 libvirt 在没有暂停时的行为完全一样。</translation>
    </message>
    <message>
        <source>registering the poll event loop (virEventRegisterDefaultImpl)</source>
        <translation>注册 poll 事件循环（virEventRegisterDefaultImpl）</translation>
    </message>
    <message>
        <source>qemudInitialize creates the server and calls virEventRegisterDefaultImpl, which runs virEventPollInit and installs the six poll functions as the process&apos;s event implementation. From now on every virEventAddHandle goes to this one global loop.</source>
        <translation>qemudInitialize 创建服务器并调用 virEventRegisterDefaultImpl，后者运行 virEventPollInit，并把六个 poll 函数安装为进程的事件实现。从此以后，每次 virEventAddHandle 都会进入这个唯一的全局循环。</translation>
    </message>
    <message>
        <source>signal pipe fd {fd} watched as watch {watch}: {reason}</source>
        <translation>信号管道 fd {fd} 作为 watch {watch} 被监视：{reason}</translation>
    </message>
    <message>
        <source>daemonSetupSignals makes a pipe and installs handlers that write each received signal into it. The read end is added to the loop like any other fd. This way signals are handled safely by the loop thread instead of inside a signal handler.</source>
        <translation>daemonSetupSignals 创建一个管道，并安装信号处理函数，把收到的每个信号写进管道。读端像其他 fd 一样加入循环。这样，信号由循环线程安全地处理，而不是在信号处理函数内部处理。</translation>
    </message>
    <message>
        <source>listening on {text}</source>
        <translation>在 {text} 上监听</translation>
    </message>
    <message>
        <source>qemudListenUnix creates a UNIX socket, binds it to its path with the configured permissions and calls listen(). The socket is put on the server&apos;s socket list, but it is not in the event loop yet.</source>
        <translation>qemudListenUnix 创建一个 UNIX 套接字，按配置的权限把它绑定到路径上，然后调用 listen()。套接字被放进服务器的套接字链表，但还没有进入事件循环。</translation>
    </message>
    <message>
        <source>remoteListenTCP creates a TCP listening socket for the given address and port, sets SO_REUSEADDR and calls listen(). Like the UNIX sockets, it only joins the server&apos;s socket list for now.</source>
        <translation>remoteListenTCP 为给定的地址和端口创建一个 TCP 监听套接字，设置 SO_REUSEADDR 并调用 listen()。和 UNIX 套接字一样，它目前只是加入服务器的套接字链表。</translation>
    </message>
    <message>
        <source>{result} listening sockets created; none is polled yet</source>
        <translation>已创建 {result} 个监听套接字；还没有一个被 poll</translation>
    </message>
    <message>
        <source>qemudNetworkInit creates all the listening sockets. None of them is registered with the event loop yet: that waits for qemudNetworkEnable, once the loop thread is running.</source>
        <translation>qemudNetworkInit 创建所有的监听套接字。它们都还没有注册到事件循环：这要等循环线程运行起来之后，由 qemudNetworkEnable 完成。</translation>
    </message>
    <message>
        <source>pthread_create(qemudRunLoop): the event thread starts polling</source>
        <translation>pthread_create(qemudRunLoop)：事件线程开始 poll</translation>
    </message>
    <message>
        <source>qemudStartEventLoop starts the event thread, whose body is qemudRunLoop. From now on one thread calls virEventPollRunOnce over and over, while the main thread carries on with start-up.</source>
        <translation>qemudStartEventLoop 启动事件线程，其主体是 qemudRunLoop。从此有一个线程反复调用 virEventPollRunOnce，而主线程继续完成启动工作。</translation>
    </message>
    <message>
        <source>the event thread enters its loop with {workers} workers</source>
        <translation>事件线程进入循环，有 {workers} 个工作线程</translation>
    </message>
    <message>
        <source>qemudRunLoop is the event thread&apos;s body: it starts the worker threads, then runs one loop iteration after another until a shutdown is requested. After each iteration it reaps closed clients and stops surplus workers.</source>
        <translation>qemudRunLoop 是事件线程的主体：它先启动工作线程，然后一次接一次地运行循环迭代，直到有人请求关闭。每次迭代之后，它回收已关闭的客户端，并停掉多余的工作线程。</translation>
    </message>
    <message>
        <source>the event thread leaves its loop: {clients} clients, {workers} workers left</source>
        <translation>事件线程离开循环：剩下 {clients} 个客户端、{workers} 个工作线程</translation>
    </message>
    <message>
        <source>The event thread leaves qemudRunLoop because a shutdown was requested. It asks every worker to quit, waits for them, and frees the remaining clients.</source>
        <translation>因为有人请求关闭，事件线程离开 qemudRunLoop。它要求每个工作线程退出，等待它们结束，然后释放剩下的客户端。</translation>
    </message>
    <message>
        <source>listener {text} polled as watch {watch} fd {fd}, mode {events}</source>
        <translation>监听套接字 {text} 作为 watch {watch} fd {fd} 被 poll，模式 {events}</translation>
    </message>
    <message>
        <source>qemudNetworkEnable registers each listening socket with the loop: virEventAddHandle with READABLE, ERROR and HANGUP and the callback qemudDispatchServerEvent. Only now can connections be accepted. All listeners share that one callback, with the server as its opaque data.</source>
        <translation>qemudNetworkEnable 把每个监听套接字注册到循环：调用 virEventAddHandle，关注 READABLE、ERROR 和 HANGUP，回调为 qemudDispatchServerEvent。直到现在才能接受连接。所有监听套接字共用这一个回调，以服务器作为不透明数据。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd} ready {events}: {reason}</source>
        <translation>watch {watch} fd {fd} 就绪 {events}：{reason}</translation>
    </message>
    <message>
        <source>qemudDispatchServerEvent is the callback of every listening socket. It only receives the watch, the fd, the events and the server, because the server (not the socket) was passed as opaque, so it searches the server&apos;s socket list for the socket with this watch. The watch is the key; the fd comparison is a consistency check before qemudDispatchServer accepts.</source>
        <translation>qemudDispatchServerEvent 是每个监听套接字的回调。它只收到 watch、fd、事件和服务器，因为注册时作为不透明参数传入的是服务器（而不是套接字），所以它要在服务器的套接字链表中查找具有这个 watch 的套接字。watch 是查找的键；比较 fd 只是在 qemudDispatchServer 执行 accept 之前做的一致性检查。</translation>
    </message>
    <message>
        <source>qemudDispatchServer accepted a new connection on a listening socket. It sets the new fd non-blocking and close-on-exec, creates the client with a 4-byte receive buffer for the length word, and registers it with the loop.</source>
        <translation>qemudDispatchServer 在监听套接字上接受了一个新连接。它把新 fd 设为非阻塞并设置 FD_CLOEXEC，创建客户端并为长度字段分配 4 字节的接收缓冲区，然后把它注册到循环。</translation>
    </message>
    <message>
        <source>accept() found nothing to accept (EAGAIN): another wakeup already took the connection, or the client gave up. Nothing is wrong; the listener stays in the poll set.</source>
        <translation>accept() 没有可接受的连接（EAGAIN）：连接已被另一次唤醒取走，或者客户端放弃了。这没有问题；监听套接字仍留在 poll 集合中。</translation>
    </message>
    <message>
        <source>accept() failed, for instance because the process ran out of file descriptors. The listening socket stays readable, so without care the loop would try again and fail on every iteration.</source>
        <translation>accept() 失败了，例如因为进程的文件描述符用完了。监听套接字仍然可读，所以如果不加处理，循环会在每次迭代中重试并再次失败。</translation>
    </message>
    <message>
        <source>timer {timer} fired: listener watch {watch} back in the poll set, accept is tried again</source>
        <translation>定时器 {timer} 触发：监听套接字 watch {watch} 回到 poll 集合，重新尝试 accept</translation>
    </message>
    <message>
        <source>After a failed accept, the listener was left out of the poll set for a while. Its retry timer has fired, so the listener is polled again and accept is retried.</source>
        <translation>accept 失败后，监听套接字被暂时排除在 poll 集合之外。它的重试定时器已触发，所以监听套接字重新被 poll，并重试 accept。</translation>
    </message>
    <message>
        <source>The connection was accepted but the daemon already has max_clients clients, so it is closed at once. The check can only happen after accept(), because the listening socket does not know who is calling.</source>
        <translation>连接已被接受，但守护进程已经有 max_clients 个客户端，所以立即关闭它。这项检查只能在 accept() 之后进行，因为监听套接字并不知道来的是谁。</translation>
    </message>
    <message>
        <source>client {client} registered: watch {watch} fd {fd} mode {events}</source>
        <translation>客户端 {client} 已注册：watch {watch} fd {fd} 模式 {events}</translation>
    </message>
    <message>
        <source>qemudRegisterClientEvent adds the new client&apos;s socket to the loop with qemudDispatchClientEvent as its callback. The events come from qemudCalculateHandleMode: READABLE while a receive buffer exists, WRITABLE while something waits to be sent.</source>
        <translation>qemudRegisterClientEvent 把新客户端的套接字加入循环，回调为 qemudDispatchClientEvent。关注的事件来自 qemudCalculateHandleMode：有接收缓冲区时关注 READABLE，有数据等待发送时关注 WRITABLE。</translation>
    </message>
    <message>
        <source>client {client} mode {events}</source>
        <translation>客户端 {client} 模式 {events}</translation>
    </message>
    <message>
        <source>{signal} read from the signal pipe</source>
        <translation>从信号管道读到 {signal}</translation>
    </message>
    <message>
        <source>qemudDispatchSignalEvent is the callback of the signal pipe. It reads one signal record: SIGHUP reloads, SIGINT, SIGQUIT and SIGTERM ask the event thread to quit after this iteration.</source>
        <translation>qemudDispatchSignalEvent 是信号管道的回调。它读取一条信号记录：SIGHUP 表示重新加载；SIGINT、SIGQUIT 和 SIGTERM 要求事件线程在本次迭代后退出。</translation>
    </message>
    <message>
        <source>timer {timer}: no client for the whole timeout, the daemon quits</source>
        <translation>定时器 {timer}：整个超时期间都没有客户端，守护进程退出</translation>
    </message>
    <message>
        <source>qemudInactiveTimer fires when the daemon has had no client for the whole --timeout period. If nothing is active it asks the event thread to quit; otherwise it disables itself again.</source>
        <translation>当守护进程在整个 --timeout 时间内都没有客户端时，qemudInactiveTimer 触发。如果没有任何活动，它要求事件线程退出；否则它把自己重新禁用。</translation>
    </message>
    <message>
        <source>signal pipe closed; {result} listening sockets removed, closed and unlinked</source>
        <translation>信号管道已关闭；{result} 个监听套接字已移除、关闭并删除文件</translation>
    </message>
    <message>
        <source>qemudCleanup runs as the daemon exits: it closes the signal pipe and removes, closes and unlinks the listening sockets. By then the event thread has ended, so nothing polls these fds any more.</source>
        <translation>qemudCleanup 在守护进程退出时运行：它关闭信号管道，并移除、关闭监听套接字，删除其套接字文件。此时事件线程已经结束，所以不再有谁 poll 这些 fd。</translation>
    </message>
    <message>
        <source>client {client} watch {watch} fd {fd} ready {events}</source>
        <translation>客户端 {client} watch {watch} fd {fd} 就绪 {events}</translation>
    </message>
    <message>
        <source>qemudDispatchClientEvent is the callback of every client socket. Like the server callback, it gets the server as opaque and finds the client by searching for its watch. Then it writes first if WRITABLE, reads if READABLE, and handles ERROR or HANGUP as a failure.</source>
        <translation>qemudDispatchClientEvent 是每个客户端套接字的回调。和服务器的回调一样，它拿到的不透明参数是服务器，要通过查找 watch 来找到客户端。然后：若 WRITABLE 则先写，若 READABLE 则读，ERROR 或 HANGUP 则按失败处理。</translation>
    </message>
    <message>
        <source>client {client} read {bytes} bytes</source>
        <translation>客户端 {client} 读取了 {bytes} 字节</translation>
    </message>
    <message>
        <source>qemudDispatchClientRead reads what the socket has into the client&apos;s receive buffer. A message starts with a 4-byte length word that counts itself; once it is in, the buffer grows to the whole message and reading continues at once.</source>
        <translation>qemudDispatchClientRead 把套接字中已有的数据读入客户端的接收缓冲区。每条消息以一个 4 字节的长度字段开头，长度包括该字段自身；长度字段读入后，缓冲区扩大到整条消息的大小，并立即继续读取。</translation>
    </message>
    <message>
        <source>client {client}: {proc} {msgType} serial {serial} queued for a worker ({nrequests} in flight)</source>
        <translation>客户端 {client}：{proc} {msgType} 序号 {serial} 排队等待工作线程（{nrequests} 个在途请求）</translation>
    </message>
    <message>
        <source>A whole message is in. It goes onto the client&apos;s dispatch queue, nrequests goes up by one and a worker is signalled to handle it. The loop thread never runs the request itself, so it is free to serve other clients.</source>
        <translation>一条完整的消息已读入。它进入客户端的分发队列，nrequests 加一，并通知一个工作线程来处理。循环线程从不亲自执行请求，所以能腾出手来服务其他客户端。</translation>
    </message>
    <message>
        <source>client {client}: {nrequests} requests in flight reach max_client_requests: no receive buffer, so READABLE leaves the mode</source>
        <translation>客户端 {client}：{nrequests} 个在途请求达到 max_client_requests：没有接收缓冲区，因此模式中去掉 READABLE</translation>
    </message>
    <message>
        <source>The client has max_client_requests requests in flight, so no new receive buffer is given. Without one, READABLE leaves the handle&apos;s events and the loop stops reading from this client until a reply has gone out.</source>
        <translation>这个客户端已有 max_client_requests 个在途请求，所以不再给它新的接收缓冲区。没有接收缓冲区，READABLE 就从句柄的事件中去掉，循环停止读取这个客户端，直到有应答发出。</translation>
    </message>
    <message>
        <source>client {client} wrote {bytes} of {length} bytes</source>
        <translation>客户端 {client} 写出 {bytes} 字节（共 {length} 字节）</translation>
    </message>
    <message>
        <source>qemudDispatchClientWrite sends from the head of the transmit queue. If the socket cannot take everything, the rest waits for the next WRITABLE event.</source>
        <translation>qemudDispatchClientWrite 从发送队列的队首开始发送。如果套接字一次收不下全部数据，剩下的要等下一个 WRITABLE 事件。</translation>
    </message>
    <message>
        <source>client {client}: {proc} {msgType} serial {serial} sent, {tx} more queued</source>
        <translation>客户端 {client}：{proc} {msgType} 序号 {serial} 已发送，还有 {tx} 个在队列中</translation>
    </message>
    <message>
        <source>A whole message has been sent and leaves the transmit queue. Its buffer is released, which may give a throttled client its receive buffer back.</source>
        <translation>一条完整的消息已发送完毕，离开发送队列。它的缓冲区被释放，这可能让一个被节流的客户端重新得到接收缓冲区。</translation>
    </message>
    <message>
        <source>client {client}: below max_client_requests again ({nrequests} in flight): READABLE comes back</source>
        <translation>客户端 {client}：再次低于 max_client_requests（{nrequests} 个在途请求）：READABLE 恢复</translation>
    </message>
    <message>
        <source>qemudClientMessageRelease saw the client drop below max_client_requests, so the sent message&apos;s buffer becomes the new receive buffer. READABLE comes back into the handle&apos;s events.</source>
        <translation>qemudClientMessageRelease 发现客户端的请求数降到了 max_client_requests 以下，于是把已发送消息的缓冲区用作新的接收缓冲区。READABLE 重新回到句柄的事件中。</translation>
    </message>
    <message>
        <source>client {client} watch {watch} mode {events}</source>
        <translation>客户端 {client} watch {watch} 模式 {events}</translation>
    </message>
    <message>
        <source>qemudUpdateClientEvent recomputes the client&apos;s mode and calls virEventUpdateHandle. Called from a worker, it wakes the loop through the wakeup pipe, which is how a reply queued by a worker gets its WRITABLE in the next poll.</source>
        <translation>qemudUpdateClientEvent 重新计算客户端的模式并调用 virEventUpdateHandle。在工作线程中调用时，它会通过唤醒管道唤醒循环；工作线程排入队列的应答，正是这样在下一次 poll 中得到 WRITABLE 的。</translation>
    </message>
    <message>
        <source>client {client} connection closed</source>
        <translation>客户端 {client} 的连接已关闭</translation>
    </message>
    <message>
        <source>qemudDispatchClientFailure closes a client: it removes the handle (only marked deleted in the loop) and closes the fd. It may run several times; only the first does anything. The client object itself is freed later, when no worker uses it.</source>
        <translation>qemudDispatchClientFailure 关闭一个客户端：它移除句柄（在循环中只是标记为已删除）并关闭 fd。它可能被调用多次，但只有第一次起作用。客户端对象本身要等到没有工作线程使用它时才释放。</translation>
    </message>
    <message>
        <source>client {client} freed, {clients} clients left</source>
        <translation>客户端 {client} 已释放，剩下 {clients} 个客户端</translation>
    </message>
    <message>
        <source>qemudFreeClient reaps a closed client after a loop iteration, once no worker holds a reference to it. Its queues are freed and it leaves the server&apos;s client list.</source>
        <translation>在一次循环迭代之后，一旦没有工作线程持有某个已关闭客户端的引用，qemudFreeClient 就回收它。它的队列被释放，它也离开服务器的客户端列表。</translation>
    </message>
    <message>
        <source>client {client}: keepalive {proc}</source>
        <translation>客户端 {client}：keepalive {proc}</translation>
    </message>
    <message>
        <source>A keepalive message arrived. Any traffic shows the peer is alive; a PING is answered with a PONG directly by the loop thread, and keepalive messages never reach a worker.</source>
        <translation>收到一条 keepalive 消息。任何通信都说明对端还活着；PING 由循环线程直接回复 PONG，keepalive 消息从不交给工作线程。</translation>
    </message>
    <message>
        <source>client {client}: keepalive timer {timer}</source>
        <translation>客户端 {client}：keepalive 定时器 {timer}</translation>
    </message>
    <message>
        <source>The keepalive timer of a client fires after an interval without any traffic from it. Then a PING is sent; after too many unanswered ones the connection is declared dead and closed. It is an ordinary loop timer, dispatched like any other.</source>
        <translation>客户端在一段时间内没有任何通信后，它的 keepalive 定时器触发，于是发送一个 PING；如果太多 PING 没有得到回应，连接就被判定为已断开并关闭。它是一个普通的循环定时器，像其他定时器一样被分发。</translation>
    </message>
    <message>
        <source>{text} started: {workers} workers, {clients} clients</source>
        <translation>{text} 已启动：{workers} 个工作线程，{clients} 个客户端</translation>
    </message>
    <message>
        <source>A worker thread starts. Workers wait on the server&apos;s job condition and take requests from the clients&apos; dispatch queues, so slow calls never block the event loop.</source>
        <translation>一个工作线程启动。工作线程在服务器的 job 条件变量上等待，从各客户端的分发队列中取出请求来处理，所以耗时的调用永远不会阻塞事件循环。</translation>
    </message>
    <message>
        <source>{text} stopped: {workers} workers, {clients} clients</source>
        <translation>{text} 已停止：{workers} 个工作线程，{clients} 个客户端</translation>
    </message>
    <message>
        <source>A worker thread is stopped because there are more workers than clients. The event thread asks it to quit and waits for it.</source>
        <translation>因为工作线程比客户端还多，一个工作线程被停掉。事件线程要求它退出并等待它结束。</translation>
    </message>
    <message>
        <source>client {client}: {proc} serial {serial} taken by this worker</source>
        <translation>客户端 {client}：{proc} 序号 {serial} 由此工作线程接手</translation>
    </message>
    <message>
        <source>A worker found a client with a queued request and takes it, holding a reference so the client cannot be freed meanwhile. The request now runs on this worker thread, not on the loop thread.</source>
        <translation>一个工作线程找到一个有排队请求的客户端，取走该请求，并持有客户端的引用，使客户端在此期间不会被释放。请求现在在这个工作线程上执行，而不是在循环线程上。</translation>
    </message>
    <message>
        <source>client {client}: {proc} serial {serial} done</source>
        <translation>客户端 {client}：{proc} 序号 {serial} 已完成</translation>
    </message>
    <message>
        <source>The worker has finished the request and dropped its reference on the client. It goes back to waiting on the job condition for the next queued request.</source>
        <translation>工作线程处理完请求，并放弃了对客户端的引用。它回到 job 条件变量上，等待下一个排队的请求。</translation>
    </message>
    <message>
        <source>client {client}: {proc} {msgType} serial {serial} dispatched to the driver</source>
        <translation>客户端 {client}：{proc} {msgType} 序号 {serial} 已分发给驱动</translation>
    </message>
    <message>
        <source>remoteDispatchClientRequest checks the program, version and type of the message, looks up the procedure and decodes its arguments. It then calls the driver with the client lock released.</source>
        <translation>remoteDispatchClientRequest 检查消息的程序号、版本和类型，查找对应的过程并解码其参数。然后在释放客户端锁的情况下调用驱动。</translation>
    </message>
    <message>
        <source>client {client}: {text}, status {status}, {bytes}-byte reply</source>
        <translation>客户端 {client}：{text}，状态 {status}，应答 {bytes} 字节</translation>
    </message>
    <message>
        <source>The procedure has run. Its result, or an error, is encoded into the same message buffer, which becomes the reply.</source>
        <translation>过程已执行完毕。其结果（或错误）被编码进同一个消息缓冲区，这个缓冲区就成为应答。</translation>
    </message>
    <message>
        <source>client {client}: reply to serial {serial} queued, {tx} on tx</source>
        <translation>客户端 {client}：序号 {serial} 的应答已入队，发送队列中有 {tx} 个</translation>
    </message>
    <message>
        <source>The reply is pushed onto the client&apos;s transmit queue and qemudUpdateClientEvent asks for WRITABLE. Because this runs on a worker while the loop sleeps in poll(), the wakeup pipe is written, so the loop wakes up and sends the reply.</source>
        <translation>应答被放进客户端的发送队列，qemudUpdateClientEvent 请求关注 WRITABLE。由于这发生在工作线程上、而循环正在 poll() 中睡眠，所以会写唤醒管道，循环因此醒来并发送应答。</translation>
    </message>
    <message>
        <source>step {step}: {text}</source>
        <translation>第 {step} 步：{text}</translation>
    </message>
    <message>
        <source>A scripted client, outside the daemon, did something: connected, sent a request, or hung up. The daemon&apos;s reaction follows in the loop&apos;s events.</source>
        <translation>守护进程之外的一个脚本客户端做了某件事：建立连接、发送请求或者挂断。守护进程的反应随后体现在循环的事件中。</translation>
    </message>
    <message>
        <source>narration: {text}</source>
        <translation>旁白：{text}</translation>
    </message>
    <message>
        <source>A note in the narration of the scenario. It explains what happens next; the daemon does not see it.</source>
        <translation>场景旁白中的一条说明。它解释接下来会发生什么；守护进程看不到它。</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd}: nothing accepted</source>
        <translation>watch {watch} fd {fd}：没有接受到连接</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd}: accept failed: {errno}</source>
        <translation>watch {watch} fd {fd}：accept 失败：{errno}</translation>
    </message>
    <message>
        <source>watch {watch} fd {fd}: connection from {text} rejected</source>
        <translation>watch {watch} fd {fd}：拒绝了来自 {text} 的连接</translation>
    </message>
    <message>
        <source>client {client} on fd {fd} ({clients} connected): {reason}</source>
        <translation>客户端 {client}，fd {fd}（已连接 {clients} 个）：{reason}</translation>
    </message>
    <message>
        <source>TLS credentials loaded: {result} CA certificates</source>
        <translation>已加载 TLS 凭据：{result} 个 CA 证书</translation>
    </message>
    <message>
        <source>remoteInitializeGnuTLS loads the daemon&apos;s X.509 credentials before the first TLS listener is made: the CA certificate that client certificates must chain to, and the server&apos;s certificate and key. A missing file stops the daemon before it listens anywhere.</source>
        <translation>remoteInitializeGnuTLS 在创建第一个 TLS 监听套接字之前加载守护进程的 X.509 凭据：客户端证书必须链接到的 CA 证书，以及服务器自己的证书和私钥。缺少任何一个文件，守护进程都会在监听任何地址之前停止。</translation>
    </message>
    <message>
        <source>client {client} fd {fd}: TLS handshake started</source>
        <translation>客户端 {client} fd {fd}：TLS 握手开始</translation>
    </message>
    <message>
        <source>A client of the TLS listener: qemudDispatchServer creates its gnutls session and calls gnutls_handshake at once. It can rarely finish now, so it returns GNUTLS_E_AGAIN and the client is registered in handshake mode, polled only in the direction gnutls waits for.</source>
        <translation>这是 TLS 监听套接字的客户端：qemudDispatchServer 为它创建 gnutls 会话，并立即调用 gnutls_handshake。此时握手很少能完成，因此它返回 GNUTLS_E_AGAIN，客户端以握手模式注册，只在 gnutls 等待的那个方向上被轮询。</translation>
    </message>
    <message>
        <source>qemudCalculateHandleMode decides what the loop should watch on a client socket. READABLE is asked for while the client has a receive buffer, WRITABLE while its transmit queue is not empty. ERROR and HANGUP are never asked for: poll reports them anyway. During a TLS handshake only the direction gnutls waits for counts: READABLE alone or WRITABLE alone.</source>
        <translation>qemudCalculateHandleMode 决定循环在客户端套接字上关注什么。客户端有接收缓冲区时关注 READABLE，发送队列非空时关注 WRITABLE。从不主动关注 ERROR 和 HANGUP：poll 无论如何都会报告它们。TLS 握手期间只看 gnutls 等待的方向：只关注 READABLE，或只关注 WRITABLE。</translation>
    </message>
    <message>
        <source>client {client}: TLS handshake step</source>
        <translation>客户端 {client}：TLS 握手的一步</translation>
    </message>
    <message>
        <source>qemudDispatchClientHandshake calls gnutls_handshake again each time the socket is ready. While it returns GNUTLS_E_AGAIN, gnutls_record_get_direction says whether it waits to read or to write, and the handle mode flips between READABLE and WRITABLE to match. When it returns 0 the certificate is checked; any other result drops the client.</source>
        <translation>每当套接字就绪，qemudDispatchClientHandshake 就再次调用 gnutls_handshake。只要它返回 GNUTLS_E_AGAIN，gnutls_record_get_direction 就说明它是在等待读还是等待写，句柄模式随之在 READABLE 和 WRITABLE 之间切换。返回 0 时检查证书；其他任何结果都会断开该客户端。</translation>
    </message>
    <message>
        <source>client {client}: certificate checked</source>
        <translation>客户端 {client}：证书已检查</translation>
    </message>
    <message>
        <source>remoteCheckCertificate verifies the client&apos;s certificate against the CA, reads its distinguished name and checks its dates. If it fails the client is dropped, unless tls_no_verify_certificate is set. If it passes, one byte 0x01 is queued inside TLS to tell the client it may start calling.</source>
        <translation>remoteCheckCertificate 用 CA 验证客户端证书，读取其可分辨名称（DN）并检查有效期。验证失败时断开客户端，除非设置了 tls_no_verify_certificate。验证通过后，在 TLS 内排队发送一个字节 0x01，告诉客户端可以开始调用了。</translation>
    </message>
    <message>
        <source>client {client}: no TLS handshake within {frequency} ms</source>
        <translation>客户端 {client}：{frequency} 毫秒内没有完成 TLS 握手</translation>
    </message>
    <message>
        <source>The TLS handshake did not finish in time, so the client is dropped. libvirt 0.9 has no such deadline: a peer that stops half-way through the handshake keeps its client slot for ever. The replica&apos;s limit is a setting (--tls-handshake-timeout).</source>
        <translation>TLS 握手没有按时完成，因此断开该客户端。libvirt 0.9 没有这样的期限：在握手中途停下的对端会永远占用一个客户端名额。副本的期限是一个设置项（--tls-handshake-timeout）。</translation>
    </message>
    <message>
        <source>client {client}: registered event callback {result} ({text})</source>
        <translation>客户端 {client}：已注册事件回调 {result}（{text}）</translation>
    </message>
    <message>
        <source>The client asked for domain events of one kind. The driver gives the callback an id, and from now on every such event is also queued on this client&apos;s transmit queue. The first registration adds the driver&apos;s event timer to the loop.</source>
        <translation>客户端请求某一类虚拟机事件。驱动为该回调分配一个 id，此后每个这类事件也会排入该客户端的发送队列。第一次注册会把驱动的事件定时器加入事件循环。</translation>
    </message>
    <message>
        <source>client {client}: deregistered event callback {result}</source>
        <translation>客户端 {client}：已注销事件回调 {result}</translation>
    </message>
    <message>
        <source>The client no longer wants these events, or it is gone. When the last callback of all goes, so does the driver&apos;s event timer.</source>
        <translation>客户端不再需要这些事件，或者它已断开。最后一个回调注销时，驱动的事件定时器也随之移除。</translation>
    </message>
    <message>
        <source>domain event queued: {text}</source>
        <translation>虚拟机事件已入队：{text}</translation>
    </message>
    <message>
        <source>The call changed a domain&apos;s state, and the driver queued a lifecycle event. It is not sent from here: the worker sets the driver&apos;s event timer to fire at once, which writes the wakeup pipe, and the loop thread relays the event to every registered client.</source>
        <translation>这次调用改变了虚拟机的状态，驱动把一个生命周期事件放入队列。事件并不在这里发送：工作线程把驱动的事件定时器设为立即触发，这会写入唤醒管道，再由事件循环线程把事件转发给每个已注册的客户端。</translation>
    </message>
    <message>
        <source>client {client}: event for callback {result} queued, {tx} on tx</source>
        <translation>客户端 {client}：回调 {result} 的事件已入队，发送队列中有 {tx} 个</translation>
    </message>
    <message>
        <source>The event timer fired on the loop thread and relayed the event to this client. A MESSAGE it never asked for (serial 1, no reply expected) is pushed onto its transmit queue, and its handle asks for WRITABLE.</source>
        <translation>事件定时器在事件循环线程上触发，把事件转发给这个客户端。一条它从未请求过的 MESSAGE（序号 1，不需要应答）被放入它的发送队列，它的句柄随之请求 WRITABLE。</translation>
    </message>
    <message>
        <source>client {client}: event for callback {result} sent</source>
        <translation>客户端 {client}：回调 {result} 的事件已发送</translation>
    </message>
    <message>
        <source>The whole event message was written to the client&apos;s socket. It is the end of the push path that started with another client&apos;s call.</source>
        <translation>整条事件消息已写入客户端的套接字。这是由另一个客户端的调用开始的推送路径的终点。</translation>
    </message>
    <message>
        <source>GLib main loop iteration begins</source>
        <translation>GLib 主循环的一轮迭代开始</translation>    
    </message>
    <message>
        <source>libvirtd 9: virEventRunDefaultImpl runs one g_main_context_iteration. GLib polls every source at once and dispatches the ready ones; libvirt no longer builds its own poll set as virEventPollRunOnce did in 0.9. The log has no line for the end of an iteration: it ends where the next one begins.</source>
        <translation>libvirtd 9：virEventRunDefaultImpl 运行一次 g_main_context_iteration。GLib 一次性 poll 所有 GSource，并分发已就绪的那些；libvirt 不再像 0.9 的 virEventPollRunOnce 那样自己构建 poll 集合。日志中没有表示迭代结束的行：一轮迭代在下一轮开始处结束。</translation>    
    </message>
    <message>
        <source>GLib main loop iteration ends</source>
        <translation>GLib 主循环的一轮迭代结束</translation>    
    </message>
    <message>
        <source>libvirtd 9: the iteration ended at the latest here, where the event thread logged its next step. The log has no line of its own for the moment g_main_context_iteration returns.</source>
        <translation>libvirtd 9：这轮迭代最迟在此结束，即事件线程记录下一步的地方。g_main_context_iteration 返回的那一刻在日志中没有单独的一行。</translation>    
    </message>
    <message>
        <source>socket fd {fd} created, {text}</source>
        <translation>套接字 fd {fd} 已创建，{text}</translation>    
    </message>
    <message>
        <source>libvirtd 9: virNetSocketNew wraps an fd in a socket object, for a listener at start-up or for a client that was just accepted. In 0.9 the daemon kept bare fds in its own structs.</source>
        <translation>libvirtd 9：virNetSocketNew 把一个 fd 包装成套接字对象，用于启动时的监听器或刚被接受的客户端。在 0.9 中，守护进程把裸 fd 保存在自己的结构体里。</translation>    
    </message>
    <message>
        <source>socket fd {fd} freed</source>
        <translation>套接字 fd {fd} 已释放</translation>    
    </message>
    <message>
        <source>libvirtd 9: the last reference to a socket object is dropped and its fd is closed. This happens after the GLib source of its watch is gone.</source>
        <translation>libvirtd 9：套接字对象的最后一个引用被释放，其 fd 被关闭。这发生在其 watch 的 GSource 消失之后。</translation>    
    </message>
    <message>
        <source>{clients} clients: {reason}</source>
        <translation>{clients} 个客户端：{reason}</translation>    
    </message>
    <message>
        <source>libvirtd 9: virNetServerCheckLimits compares the number of clients with max_clients and max_anonymous_clients after every accept and close, and turns the listeners&apos; watches on or off. 0.9 only counted clients against a fixed maximum inside the accept.</source>
        <translation>libvirtd 9：每次 accept 和关闭之后，virNetServerCheckLimits 都把客户端数量与 max_clients 和 max_anonymous_clients 比较，并打开或关闭监听器的 watch。0.9 只在 accept 内部把客户端数量与固定上限比较。</translation>    
    </message>
    <message>
        <source>client {client} closed</source>
        <translation>客户端 {client} 已关闭</translation>    
    </message>
    <message>
        <source>libvirtd 9: virNetServerClientClose stops the client&apos;s keepalive, removes its socket watch and closes the socket. The client object lives on until its last reference is dropped.</source>
        <translation>libvirtd 9：virNetServerClientClose 停止客户端的 keepalive，移除其套接字 watch 并关闭套接字。客户端对象会一直存在，直到其最后一个引用被释放。</translation>    
    </message>
    <message>
        <source>client {client}: {reason}</source>
        <translation>客户端 {client}：{reason}</translation>    
    </message>
    <message>
        <source>libvirtd 9: each client gets a keepalive object when it connects. It starts sending PINGs only once the client asks for keepalive, with a timer on the event loop.</source>
        <translation>libvirtd 9：每个客户端连接时都会得到一个 keepalive 对象。只有在客户端请求 keepalive 之后，它才借助事件循环上的定时器开始发送 PING。</translation>    
    </message>
    <message>
        <source>client {client}: message handed to the worker pool</source>
        <translation>客户端 {client}：消息已交给工作线程池</translation>    
    </message>
    <message>
        <source>libvirtd 9: virNetServerDispatchNewMessage gives the message to a virThreadPool as a job. A call of high priority may go to a prio-rpc-worker. In 0.9 the message went onto the client&apos;s dx queue and a worker was signalled.</source>
        <translation>libvirtd 9：virNetServerDispatchNewMessage 把消息作为一个任务交给 virThreadPool。高优先级的调用可能交给 prio-rpc-worker。在 0.9 中，消息进入客户端的 dx 队列，并通知一个工作线程。</translation>    
    </message>
    <message>
        <source>client {client}: a worker takes the message</source>
        <translation>客户端 {client}：一个工作线程取走了消息</translation>    
    </message>
    <message>
        <source>libvirtd 9: virNetServerHandleJob runs on a worker thread of the pool, outside the event loop. The log shows when the job starts, not when it ends.</source>
        <translation>libvirtd 9：virNetServerHandleJob 在线程池的工作线程上运行，不在事件循环中。日志只显示任务何时开始，不显示何时结束。</translation>    
    </message>
    <message>
        <source>client {client}: {proc}, serial {serial}</source>
        <translation>客户端 {client}：{proc}，序号 {serial}</translation>    
    </message>
    <message>
        <source>libvirtd 9: virNetServerProgramDispatch finds the procedure in the program&apos;s table and calls it, the step remoteDispatchClientRequest did in 0.9. The reply is queued from this worker.</source>
        <translation>libvirtd 9：virNetServerProgramDispatch 在程序的过程表中找到该过程并调用它，这正是 0.9 中 remoteDispatchClientRequest 所做的一步。应答由这个工作线程入队。</translation>    
    </message>
    <message>
        <source>pollscope&apos;s step control woke the loop to hold it</source>
        <translation>pollscope 的单步控制唤醒了循环，以便暂停它</translation>    
    </message>
    <message>
        <source>You asked pollscope to pause or step while the loop slept in poll(). To reach a place where it can hold the loop, pollscope wrote a byte into the wakeup pipe. libvirtd never does this: the poll return and the wakeup drain that follow belong to pollscope, not to any client or worker.</source>
        <translation>循环在 poll() 中睡眠时，你让 pollscope 暂停或单步。为了走到能够暂停循环的位置，pollscope 向唤醒管道写入了一个字节。libvirtd 从不这样做：随后的 poll 返回和唤醒管道的读取都属于 pollscope，而不属于任何客户端或工作线程。</translation>    
    </message>
    <message>
        <source>slow motion: loop held {reason}</source>
        <translation>慢动作：循环暂停 {reason}</translation>    
    </message>
    <message>
        <source>In slow motion pollscope holds the loop briefly at each phase boundary outside the callbacks, so that you can follow it. The loop time axis leaves this wait out.</source>
        <translation>在慢动作下，pollscope 会在回调之外的每个阶段边界处让循环短暂停留，便于你跟上它。循环时间轴不计入这段等待。</translation>    
    </message>
    <message>
        <source>slow motion: loop goes on {reason}</source>
        <translation>慢动作：循环继续 {reason}</translation>    
    </message>
    <message>
        <source>The slow-motion wait is over and the loop goes on exactly as libvirt would have done. Clients and workers went on meanwhile, so poll() may now find more ready.</source>
        <translation>慢动作的等待结束，循环完全按照 libvirt 本来的方式继续运行。客户端和工作线程在此期间照常运行，所以 poll() 现在可能发现更多就绪的 fd。</translation>    
    </message>
    <message>
        <source>question: the step it is about waits for your answer</source>
        <translation>提问：它所问的那一步在等你回答</translation>
    </message>
    <message>
        <source>The scenario asks you to predict the next step before it happens. pollscope holds the thread that was about to take that step, just before it is recorded, until you have answered. The loop time axis leaves this wait out.</source>
        <translation>场景请你在下一步发生之前先预测它。pollscope 让正要执行这一步的线程在这一步被记录之前停住，直到你作答。循环时间轴不计入这段等待。</translation>
    </message>
    <message>
        <source>question answered: the step goes on</source>
        <translation>已作答：这一步继续执行</translation>
    </message>
    <message>
        <source>You answered, and the held thread takes the step the question was about: it is the next event of that thread. Everything else went on meanwhile as libvirt would have done.</source>
        <translation>你已作答，被停住的线程接着执行问题所问的那一步：它就是该线程的下一个事件。其余一切在此期间都按照 libvirt 本来的方式照常运行。</translation>
    </message>
    <message>
        <source>{length} events of this thread lost: the trace buffer was full</source>
        <translation>此线程丢失了 {length} 个事件：跟踪缓冲区已满</translation>
    </message>
    <message>
        <source>Not a step of libvirt: pollscope&apos;s trace buffer has a fixed size, and the writer fell behind the threads recording. With the drop policy their events were let go instead of slowing the daemon down. This many steps of this thread happened between its previous event and this one and are not in the trace; the checker does not hold the steps around a gap to its rules.</source>
        <translation>这不是 libvirt 的步骤：pollscope 的跟踪缓冲区大小固定，而写入线程跟不上正在记录的线程。在丢弃策略下，这些事件被舍弃，而不是让守护进程变慢。此线程在上一个事件和这个事件之间发生了这么多步骤，它们不在跟踪中；检查器不会用其规则去衡量缺口前后的步骤。</translation>
    </message>
</context>
<context>
    <name>EventReason</name>
    <message>
        <source>Unable to setup wakeup pipe: {errno}</source>
        <translation>无法建立唤醒管道：{errno}</translation>
    </message>
    <message>
        <source>Ignoring invalid update watch {watch}</source>
        <translation>忽略对无效 watch {watch} 的更新</translation>
    </message>
    <message>
        <source>Ignoring invalid remove watch {watch}</source>
        <translation>忽略对无效 watch {watch} 的移除</translation>
    </message>
    <message>
        <source>Ignoring invalid update timer {timer}</source>
        <translation>忽略对无效定时器 {timer} 的更新</translation>
    </message>
    <message>
        <source>Ignoring invalid remove timer {timer}</source>
        <translation>忽略对无效定时器 {timer} 的移除</translation>
    </message>
    <message>
        <source>no such watch: ignored</source>
        <translation>没有这个 watch：已忽略</translation>
    </message>
    <message>
        <source>no such watch, or already deleted</source>
        <translation>没有这个 watch，或已被删除</translation>
    </message>
    <message>
        <source>no such timer: ignored</source>
        <translation>没有这个定时器：已忽略</translation>
    </message>
    <message>
        <source>no such timer, or already deleted</source>
        <translation>没有这个定时器，或已被删除</translation>
    </message>
    <message>
        <source>Unable to poll on file handles: {errno}</source>
        <translation>无法对文件句柄执行 poll：{errno}</translation>
    </message>
    <message>
        <source>skipped: called from the loop thread</source>
        <translation>跳过：由循环线程自己调用</translation>
    </message>
    <message>
        <source>skipped: loop not running</source>
        <translation>跳过：循环没有在运行</translation>
    </message>
    <message>
        <source>writing the wakeup pipe failed: {errno}</source>
        <translation>写唤醒管道失败：{errno}</translation>
    </message>
    <message>
        <source>the wakeup pipe was already empty</source>
        <translation>唤醒管道已经是空的</translation>
    </message>
    <message>
        <source>at the start of an iteration</source>
        <translation>在一次迭代开始时</translation>
    </message>
    <message>
        <source>before poll</source>
        <translation>在 poll 之前</translation>
    </message>
    <message>
        <source>after poll</source>
        <translation>在 poll 之后</translation>
    </message>
    <message>
        <source>before timer {timer} fires</source>
        <translation>在定时器 {timer} 触发之前</translation>
    </message>
    <message>
        <source>before watch {watch} is dispatched</source>
        <translation>在分发 watch {watch} 之前</translation>
    </message>
    <message>
        <source>SIGINT, SIGTERM, SIGQUIT and SIGHUP write to the signal pipe</source>
        <translation>SIGINT、SIGTERM、SIGQUIT 和 SIGHUP 会写入信号管道</translation>
    </message>
    <message>
        <source>signal pipe ready; shutdown requests arrive through it</source>
        <translation>信号管道已就绪；关闭请求经由它到达</translation>
    </message>
    <message>
        <source>read-only socket {text}, backlog 30</source>
        <translation>只读套接字 {text}，积压队列 30</translation>
    </message>
    <message>
        <source>read-write socket {text}, backlog 30</source>
        <translation>读写套接字 {text}，积压队列 30</translation>
    </message>
    <message>
        <source>TCP socket {text}, backlog 30</source>
        <translation>TCP 套接字 {text}，积压队列 30</translation>
    </message>
    <message>
        <source>TCP socket {text}, backlog 30, not loopback: reachable from other machines</source>
        <translation>TCP 套接字 {text}，积压队列 30，不是回环地址：其他机器也能连接</translation>
    </message>
    <message>
        <source>Failed to create socket for {text}: {errno}</source>
        <translation>无法为 {text} 创建套接字：{errno}</translation>
    </message>
    <message>
        <source>{text} exists and is not a socket</source>
        <translation>{text} 已存在，且不是套接字</translation>
    </message>
    <message>
        <source>Failed to bind socket to {text}: {errno}</source>
        <translation>无法把套接字绑定到 {text}：{errno}</translation>
    </message>
    <message>
        <source>Failed to set the mode of {text}: {errno}</source>
        <translation>无法设置 {text} 的权限：{errno}</translation>
    </message>
    <message>
        <source>Failed to listen on {text}: {errno}</source>
        <translation>无法在 {text} 上监听：{errno}</translation>
    </message>
    <message>
        <source>Cannot listen on {text}</source>
        <translation>不能在 {text} 上监听</translation>
    </message>
    <message>
        <source>found listener {text} in the socket list after {result} comparisons</source>
        <translation>比较 {result} 次后在套接字列表中找到监听套接字 {text}</translation>
    </message>
    <message>
        <source>no listening socket has this watch</source>
        <translation>没有监听套接字使用这个 watch</translation>
    </message>
    <message>
        <source>nothing to accept (another wakeup took it)</source>
        <translation>没有可接受的连接（已被另一次唤醒取走）</translation>
    </message>
    <message>
        <source>Failed to accept connection: {errno}</source>
        <translation>接受连接失败：{errno}</translation>
    </message>
    <message>
        <source>Failed to accept connection: {errno}; listener paused, retrying in {frequency} ms</source>
        <translation>接受连接失败：{errno}；监听暂停，{frequency} ms 后重试</translation>
    </message>
    <message>
        <source>Too many active clients ({clients}), dropping connection from {text}</source>
        <translation>活动客户端太多（{clients} 个），丢弃来自 {text} 的连接</translation>
    </message>
    <message>
        <source>accepted {text}; a receive buffer of 4 bytes waits for the length word</source>
        <translation>已接受 {text}；一个 4 字节的接收缓冲区等待长度字段</translation>
    </message>
    <message>
        <source>accepted {text}, TCP_NODELAY set; a receive buffer of 4 bytes waits for the length word</source>
        <translation>已接受 {text}，已设置 TCP_NODELAY；一个 4 字节的接收缓冲区等待长度字段</translation>
    </message>
    <message>
        <source>short read of siginfo from the signal pipe</source>
        <translation>从信号管道读到的 siginfo_t 不完整</translation>
    </message>
    <message>
        <source>{signal}: the event thread quits after this iteration</source>
        <translation>{signal}：事件线程在本次迭代后退出</translation>
    </message>
    <message>
        <source>SIGHUP: reload (nothing to reload here)</source>
        <translation>SIGHUP：重新加载（这里没有需要重新加载的）</translation>
    </message>
    <message>
        <source>{signal} ignored</source>
        <translation>{signal} 被忽略</translation>
    </message>
    <message>
        <source>{text} stopped: more workers than clients</source>
        <translation>{text} 已停止：工作线程比客户端多</translation>
    </message>
    <message>
        <source>no client has this watch any more</source>
        <translation>已没有客户端使用这个 watch</translation>
    </message>
    <message>
        <source>the client has already failed: nothing to do</source>
        <translation>客户端已经失败：无事可做</translation>
    </message>
    <message>
        <source>read {bytes} bytes of the length word</source>
        <translation>读到长度字段的 {bytes} 字节</translation>
    </message>
    <message>
        <source>read {bytes} bytes of a message of {length} bytes</source>
        <translation>读到 {length} 字节消息中的 {bytes} 字节</translation>
    </message>
    <message>
        <source>the socket buffer is full: the rest waits for POLLOUT</source>
        <translation>套接字缓冲区已满：其余部分等待 POLLOUT</translation>
    </message>
    <message>
        <source>receive buffer ready, nothing to send: {events}</source>
        <translation>接收缓冲区就绪，没有要发送的：{events}</translation>
    </message>
    <message>
        <source>receive buffer ready, {tx} replies queued: {events}</source>
        <translation>接收缓冲区就绪，{tx} 个应答在队列中：{events}</translation>
    </message>
    <message>
        <source>throttled and nothing to send: not polled at all</source>
        <translation>已节流且没有要发送的：完全不被 poll</translation>
    </message>
    <message>
        <source>throttled, {tx} replies queued: {events}</source>
        <translation>已节流，{tx} 个应答在队列中：{events}</translation>
    </message>
    <message>
        <source>reply queued; the connection closes once it is written</source>
        <translation>应答已入队；写出后连接即关闭</translation>
    </message>
    <message>
        <source>PING: answered with a PONG by the loop thread, no worker involved</source>
        <translation>PING：由循环线程回复 PONG，不经过工作线程</translation>
    </message>
    <message>
        <source>PONG: the peer answered our PING</source>
        <translation>PONG：对端回应了我们的 PING</translation>
    </message>
    <message>
        <source>keepalive started: the client asked for it</source>
        <translation>keepalive 已启动：客户端请求了它</translation>
    </message>
    <message>
        <source>idle for an interval: PING sent; {result} more silent intervals before the connection is declared dead</source>
        <translation>空闲了一个间隔：已发送 PING；再沉默 {result} 个间隔，连接就被判定为死亡</translation>
    </message>
    <message>
        <source>unknown keepalive procedure: consumed</source>
        <translation>未知的 keepalive 过程：已丢弃</translation>
    </message>
    <message>
        <source>no answer to any PING: the connection is dead</source>
        <translation>所有 PING 都没有回应：连接已死</translation>
    </message>
    <message>
        <source>poll() reported HANGUP: the peer is gone</source>
        <translation>poll() 报告 HANGUP：对端已断开</translation>
    </message>
    <message>
        <source>poll() reported HANGUP: the peer is gone, in the middle of a message</source>
        <translation>poll() 报告 HANGUP：对端已断开，正处于一条消息的中途</translation>
    </message>
    <message>
        <source>poll() reported ERROR on the socket</source>
        <translation>poll() 报告套接字出现 ERROR</translation>
    </message>
    <message>
        <source>poll() reported ERROR on the socket, in the middle of a message</source>
        <translation>poll() 报告套接字出现 ERROR，正处于一条消息的中途</translation>
    </message>
    <message>
        <source>read failed: {errno}</source>
        <translation>读取失败：{errno}</translation>
    </message>
    <message>
        <source>end of file: the peer closed the connection</source>
        <translation>文件结束：对端关闭了连接</translation>
    </message>
    <message>
        <source>end of file in the middle of a message</source>
        <translation>在一条消息的中途遇到文件结束</translation>
    </message>
    <message>
        <source>message length {length} too small (minimum 4)</source>
        <translation>消息长度 {length} 太小（最小为 4）</translation>
    </message>
    <message>
        <source>message length {length} too large for max_message_length</source>
        <translation>消息长度 {length} 超过 max_message_length</translation>
    </message>
    <message>
        <source>cannot decode the message header: {text}</source>
        <translation>无法解码消息头：{text}</translation>
    </message>
    <message>
        <source>write failed: {errno}</source>
        <translation>写入失败：{errno}</translation>
    </message>
    <message>
        <source>closed after the reply to CONNECT_CLOSE</source>
        <translation>回复 CONNECT_CLOSE 之后关闭</translation>
    </message>
    <message>
        <source>connection closed due to keepalive timeout</source>
        <translation>因 keepalive 超时关闭连接</translation>
    </message>
    <message>
        <source>the daemon is shutting down</source>
        <translation>守护进程正在关闭</translation>
    </message>
    <message>
        <source>qemudRunLoop runs on the caller&apos;s thread, one iteration per call</source>
        <translation>qemudRunLoop 在调用者的线程上运行，每次调用一轮迭代</translation>
    </message>
    <message>
        <source>TLS socket {text}, backlog 30</source>
        <translation>TLS 套接字 {text}，积压队列 30</translation>
    </message>
    <message>
        <source>TLS socket {text}, backlog 30, not loopback: reachable from other machines</source>
        <translation>TLS 套接字 {text}，积压队列 30，不是回环地址：其他机器也能连接</translation>
    </message>
    <message>
        <source>cannot load the TLS credentials: {text}</source>
        <translation>无法加载 TLS 凭据：{text}</translation>
    </message>
    <message>
        <source>credentials from {text}; client certificates are verified</source>
        <translation>凭据来自 {text}；客户端证书会被验证</translation>
    </message>
    <message>
        <source>credentials from {text}; client certificates are not enforced</source>
        <translation>凭据来自 {text}；不强制要求客户端证书</translation>
    </message>
    <message>
        <source>cannot start a TLS session: {text}</source>
        <translation>无法开始 TLS 会话：{text}</translation>
    </message>
    <message>
        <source>handshake done: {text}</source>
        <translation>握手完成：{text}</translation>
    </message>
    <message>
        <source>gnutls waits to read: the handshake goes on when the socket is READABLE</source>
        <translation>gnutls 等待读取：套接字 READABLE 时握手继续</translation>
    </message>
    <message>
        <source>gnutls waits to write: the handshake goes on when the socket is WRITABLE</source>
        <translation>gnutls 等待写入：套接字 WRITABLE 时握手继续</translation>
    </message>
    <message>
        <source>TLS handshake failed: {text}</source>
        <translation>TLS 握手失败：{text}</translation>
    </message>
    <message>
        <source>TLS handshake not finished in time</source>
        <translation>TLS 握手没有按时完成</translation>
    </message>
    <message>
        <source>client certificate accepted: {text}</source>
        <translation>客户端证书已接受：{text}</translation>
    </message>
    <message>
        <source>client certificate refused ({text}), ignored: tls_no_verify_certificate is set</source>
        <translation>客户端证书被拒绝（{text}），但已忽略：设置了 tls_no_verify_certificate</translation>
    </message>
    <message>
        <source>client certificate refused: {text}</source>
        <translation>客户端证书被拒绝：{text}</translation>
    </message>
    <message>
        <source>the client had data queued to send before the access check</source>
        <translation>访问检查之前，客户端已有数据排队等待发送</translation>
    </message>
    <message>
        <source>TLS handshake: gnutls waits to read, so READABLE only</source>
        <translation>TLS 握手：gnutls 等待读取，所以只关注 READABLE</translation>
    </message>
    <message>
        <source>TLS handshake: gnutls waits to write, so WRITABLE only</source>
        <translation>TLS 握手：gnutls 等待写入，所以只关注 WRITABLE</translation>
    </message>
    <message>
        <source>read {bytes} bytes that gnutls had decrypted already, without a poll</source>
        <translation>读取了 gnutls 已经解密的 {bytes} 字节，无需 poll</translation>
    </message>
    <message>
        <source>TLS confirmation byte 0x01 sent: the client may now call</source>
        <translation>已发送 TLS 确认字节 0x01：客户端现在可以发起调用</translation>
    </message>
    <message>
        <source>gnutls_record_recv: {text}</source>
        <translation>gnutls_record_recv 失败：{text}</translation>
    </message>
    <message>
        <source>gnutls_record_recv: {text}, in the middle of a message</source>
        <translation>gnutls_record_recv 失败：{text}，发生在一条消息的中间</translation>
    </message>
    <message>
        <source>gnutls_record_send: {text}</source>
        <translation>gnutls_record_send 失败：{text}</translation>
    </message>
    <message>
        <source>the peer ended the TLS session</source>
        <translation>对端结束了 TLS 会话</translation>
    </message>
    <message>
        <source>stops reading for {timeout} ms</source>
        <translation>停止读取 {timeout} 毫秒</translation>
    </message>
    <message>
        <source>sleeps {timeout} ms</source>
        <translation>休眠 {timeout} 毫秒</translation>
    </message>
    <message>
        <source>repeat {result}</source>
        <translation>第 {result} 次重复</translation>
    </message>
    <message>
        <source>restores the fd limit</source>
        <translation>恢复 fd 上限</translation>
    </message>
    <message>
        <source>lowers the fd limit: {result} fds left</source>
        <translation>降低 fd 上限：还剩 {result} 个 fd</translation>
    </message>
    <message>
        <source>narration</source>
        <translation>旁白</translation>
    </message>
    <message>
        <source>connects to {text}</source>
        <translation>连接到 {text}</translation>
    </message>
    <message>
        <source>calls {proc} (serial {serial})</source>
        <translation>调用 {proc}（序号 {serial}）</translation>
    </message>
    <message>
        <source>calls {proc} (serial {serial}) without waiting</source>
        <translation>调用 {proc}（序号 {serial}），不等待回复</translation>
    </message>
    <message>
        <source>sends a keepalive PING</source>
        <translation>发送一个 keepalive PING</translation>
    </message>
    <message>
        <source>sends {bytes} bytes</source>
        <translation>发送 {bytes} 字节</translation>
    </message>
    <message>
        <source>writes {bytes} bytes in {result} pieces, {timeout} ms apart</source>
        <translation>把 {bytes} 字节分成 {result} 段写出，每段间隔 {timeout} 毫秒</translation>
    </message>
    <message>
        <source>reads {result} replies</source>
        <translation>读取 {result} 个回复</translation>
    </message>
    <message>
        <source>hangs up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>hangs up in the middle of a message</source>
        <translation>在一条消息的中间挂断</translation>
    </message>
    <message>
        <source>hangs up with a reset</source>
        <translation>以复位（RST）挂断</translation>
    </message>
    <message>
        <source>hangs up with a reset in the middle of a message</source>
        <translation>在一条消息的中间以复位（RST）挂断</translation>
    </message>
    <message>
        <source>waits for {text}</source>
        <translation>等待 {text}</translation>
    </message>
    <message>
        <source>expects the daemon to close the connection</source>
        <translation>等待守护进程关闭连接</translation>
    </message>
    <message>
        <source>{text} is not installed: step skipped</source>
        <translation>没有安装 {text}：跳过这一步</translation>
    </message>
    <message>
        <source>runs {text}</source>
        <translation>运行 {text}</translation>
    </message>
    <message>
        <source>{text} exited with {result}</source>
        <translation>{text} 退出，退出码 {result}</translation>
    </message>
    <message>
        <source>question skipped (no one to ask)</source>
        <translation>跳过问题（没有人回答）</translation>
    </message>
    <message>
        <source>question not answered</source>
        <translation>问题没有回答</translation>
    </message>
    <message>
        <source>question answered: choice {result} (right)</source>
        <translation>问题已回答：选项 {result}（正确）</translation>
    </message>
    <message>
        <source>question answered: choice {result} (not the right one)</source>
        <translation>问题已回答：选项 {result}（不正确）</translation>
    </message>
    <message>
        <source>log line with no step of its own: {text}</source>
        <translation>没有对应步骤的日志行：{text}</translation>    
    </message>
    <message>
        <source>not a libvirtd log line: {text}</source>
        <translation>不是 libvirtd 日志行：{text}</translation>    
    </message>
    <message>
        <source>probe not imported: {text}</source>
        <translation>未导入的探针：{text}</translation>    
    </message>
    <message>
        <source>keepalive created for the new client, not started</source>
        <translation>已为新客户端创建 keepalive，尚未启动</translation>    
    </message>
    <message>
        <source>keepalive stopped: its timer is removed</source>
        <translation>keepalive 已停止：其定时器被移除</translation>    
    </message>
    <message>
        <source>keepalive freed with its client</source>
        <translation>keepalive 随其客户端一起释放</translation>    
    </message>
    <message>
        <source>below the client limits: listeners accept again</source>
        <translation>低于客户端上限：监听器重新开始 accept</translation>    
    </message>
    <message>
        <source>at a client limit: listeners stop accepting</source>
        <translation>达到客户端上限：监听器停止 accept</translation>    
    </message>
    <message>
        <source>waits for the event message {text}</source>
        <translation>等待事件消息 {text}</translation>
    </message>
    <message>
        <source>receives the event message {text} (callback {result})</source>
        <translation>收到事件消息 {text}（回调 {result}）</translation>
    </message>
</context>
<context>
    <name>EventSummary</name>
    <message>
        <source>no timer enabled: poll may wait forever</source>
        <translation>没有已启用的定时器：poll 可以无限等待</translation>
    </message>
    <message>
        <source>a timer is due: poll must not wait</source>
        <translation>有定时器到期：poll 不能等待</translation>
    </message>
    <message>
        <source>the next timer is due in %1 ms</source>
        <translation>下一个定时器在 %1 ms 后到期</translation>
    </message>
    <message>
        <source>poll returned %1 of %2 fds</source>
        <translation>poll 返回：%2 个 fd 中有 %1 个就绪</translation>
    </message>
    <message>
        <source>poll timed out: none of %1 fds ready</source>
        <translation>poll 超时：%1 个 fd 都未就绪</translation>
    </message>
    <message>
        <source>poll failed: %1</source>
        <translation>poll 失败：%1</translation>
    </message>
    <message>
        <source>every %1 ms</source>
        <translation>每 %1 ms 触发</translation>
    </message>
    <message>
        <source>fires on every iteration</source>
        <translation>每次迭代都触发</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>timeout %1 ms</source>
        <translation>超时 %1 ms</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>无超时</translation>
    </message>
    <message>
        <source>watch %1</source>
        <translation>watch %1</translation>
    </message>
    <message>
        <source>timer %1</source>
        <translation>定时器 %1</translation>
    </message>
    <message>
        <source>client %1: </source>
        <translation>客户端 %1：</translation>
    </message>
    <message>
        <source>watch %1: </source>
        <translation>watch %1：</translation>
    </message>
    <message>
        <source>timer %1: </source>
        <translation>定时器 %1：</translation>
    </message>
</context>
<context>
    <name>TimelineStyle</name>
    <message>
        <source>Loop phases</source>
        <translation>循环阶段</translation>
    </message>
    <message>
        <source>virEventPollRunOnce: iterations, poll waits, phase steps</source>
        <translation>virEventPollRunOnce：迭代、poll 等待、各阶段步骤</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>句柄</translation>
    </message>
    <message>
        <source>Watches on file descriptors: add, update, remove, purge, dispatch</source>
        <translation>文件描述符上的 watch：添加、更新、移除、清除、分发</translation>
    </message>
    <message>
        <source>Timers</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>Timeouts: add, update, remove, purge, fire</source>
        <translation>定时器：添加、更新、移除、清除、触发</translation>
    </message>
    <message>
        <source>Wakeup</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <source>The self-pipe: interrupts write it, the wakeup handler drains it</source>
        <translation>自管道：中断时写入，唤醒回调把它读空</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>The daemon: start-up, listeners, accept, signals, shutdown</source>
        <translation>守护进程：启动、监听套接字、accept、信号、关闭</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Per-client reads, writes, throttling and failures</source>
        <translation>每个客户端的读、写、节流和失败</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Worker threads running requests and queueing replies</source>
        <translation>工作线程执行请求并把应答排入队列</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>Step control, scripted clients and narration</source>
        <translation>单步控制、脚本客户端和旁白</translation>
    </message>
    <message>
        <source>Daemon loop thread (qemudRunLoop)</source>
        <translation>守护进程的循环线程（qemudRunLoop）</translation>
    </message>
    <message>
        <source>Loop iteration (virEventPollRunOnce)</source>
        <translation>循环迭代（virEventPollRunOnce）</translation>
    </message>
    <message>
        <source>Waiting in poll()</source>
        <translation>在 poll() 中等待</translation>
    </message>
    <message>
        <source>Handle callback</source>
        <translation>句柄回调</translation>
    </message>
    <message>
        <source>Timer callback</source>
        <translation>定时器回调</translation>
    </message>
    <message>
        <source>Free callback (after purge)</source>
        <translation>释放回调（清除之后）</translation>
    </message>
    <message>
        <source>Worker job</source>
        <translation>工作线程任务</translation>
    </message>
    <message>
        <source>Remote procedure call</source>
        <translation>远程过程调用</translation>
    </message>
    <message>
        <source>Loop phase step</source>
        <translation>循环阶段步骤</translation>
    </message>
    <message>
        <source>Interrupt skipped (nothing to wake)</source>
        <translation>跳过中断（无需唤醒）</translation>
    </message>
    <message>
        <source>Server step</source>
        <translation>服务器步骤</translation>
    </message>
    <message>
        <source>Client bookkeeping</source>
        <translation>客户端簿记</translation>
    </message>
    <message>
        <source>Handle added</source>
        <translation>句柄已添加</translation>
    </message>
    <message>
        <source>Handle updated (new mode)</source>
        <translation>句柄已更新（新模式）</translation>
    </message>
    <message>
        <source>Handle removed (marked deleted)</source>
        <translation>句柄已移除（标记为删除）</translation>
    </message>
    <message>
        <source>Handle purged</source>
        <translation>句柄已清除</translation>
    </message>
    <message>
        <source>Ready handle not dispatched</source>
        <translation>就绪的句柄未被分发</translation>
    </message>
    <message>
        <source>Timeout added</source>
        <translation>定时器已添加</translation>
    </message>
    <message>
        <source>Timeout updated</source>
        <translation>定时器已更新</translation>
    </message>
    <message>
        <source>Timeout removed (marked deleted)</source>
        <translation>定时器已移除（标记为删除）</translation>
    </message>
    <message>
        <source>Timeout purged</source>
        <translation>定时器已清除</translation>
    </message>
    <message>
        <source>Worker started</source>
        <translation>工作线程已启动</translation>
    </message>
    <message>
        <source>Worker stopped</source>
        <translation>工作线程已停止</translation>
    </message>
    <message>
        <source>Client read</source>
        <translation>客户端读取</translation>
    </message>
    <message>
        <source>Client write</source>
        <translation>客户端写入</translation>
    </message>
    <message>
        <source>Client throttled</source>
        <translation>客户端被节流</translation>
    </message>
    <message>
        <source>Client unthrottled</source>
        <translation>客户端解除节流</translation>
    </message>
    <message>
        <source>Reply queued</source>
        <translation>应答已排入队列</translation>
    </message>
    <message>
        <source>Scripted client action</source>
        <translation>脚本客户端的动作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Loop resumed</source>
        <translation>循环继续运行</translation>
    </message>
    <message>
        <source>Loop paused (step control)</source>
        <translation>循环暂停（单步控制）</translation>
    </message>
    <message>
        <source>Timer fired</source>
        <translation>定时器已触发</translation>
    </message>
    <message>
        <source>Wakeup pipe drained (loop woken)</source>
        <translation>唤醒管道已读空（循环被唤醒）</translation>
    </message>
    <message>
        <source>Interrupt: wrote the wakeup pipe</source>
        <translation>中断：写入唤醒管道</translation>
    </message>
    <message>
        <source>Client accepted</source>
        <translation>客户端已接受</translation>
    </message>
    <message>
        <source>Accept failed or client rejected</source>
        <translation>accept 失败或客户端被拒绝</translation>
    </message>
    <message>
        <source>Client failure</source>
        <translation>客户端失败</translation>
    </message>
    <message>
        <source>Client freed</source>
        <translation>客户端已释放</translation>
    </message>
    <message>
        <source>poll() failed</source>
        <translation>poll() 失败</translation>
    </message>
    <message>
        <source>Events lost here (trace buffer full)</source>
        <translation>此处丢失了事件（跟踪缓冲区已满）</translation>
    </message>
    <message>
        <source>Held in slow motion (not libvirt)</source>
        <translation>慢动作停留（不属于 libvirt）</translation>    
    </message>
    <message>
        <source>Step control woke the loop (not libvirt)</source>
        <translation>单步控制唤醒了循环（不属于 libvirt）</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::CallFlowWidget</name>
    <message>
        <source>main thread: start-up</source>
        <translation>主线程：启动</translation>
    </message>
    <message>
        <source>event thread: callbacks RunOnce dispatches</source>
        <translation>事件线程：RunOnce 分发的回调</translation>
    </message>
    <message>
        <source>worker threads</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>outside the daemon</source>
        <translation>守护进程之外</translation>
    </message>
    <message>
        <source>solid: dispatches · dashed: wakeup pipe</source>
        <translation>实线：分发 · 虚线：唤醒管道</translation>
    </message>
    <message>
        <source>virEventAddHandle per socket</source>
        <translation>每个套接字调用 virEventAddHandle</translation>
    </message>
    <message>
        <source>qemudDispatchServer: accept</source>
        <translation>qemudDispatchServer：accept</translation>
    </message>
    <message>
        <source>client (virsh, scripted)</source>
        <translation>客户端（virsh、脚本客户端）</translation>
    </message>
    <message>
        <source>The daemon&apos;s main(): it sets everything up in order, then waits for the event thread to end.</source>
        <translation>守护进程的 main()：按顺序完成所有初始化，然后等待事件线程结束。</translation>
    </message>
    <message>
        <source>Creates the server and registers the default event implementation.</source>
        <translation>创建服务器并注册默认的事件实现。</translation>
    </message>
    <message>
        <source>Initialises the poll loop, then installs its six functions (add, update and remove of handles and timeouts) as the process&apos;s event implementation.</source>
        <translation>初始化 poll 循环，然后把它的六个函数（句柄和定时器的添加、更新、移除）安装为进程的事件实现。</translation>
    </message>
    <message>
        <source>Initialises the one global eventLoop and registers the wakeup pipe as watch 1.</source>
        <translation>初始化唯一的全局 eventLoop，并把唤醒管道注册为 watch 1。</translation>
    </message>
    <message>
        <source>Makes the signal pipe and adds its read end to the loop.</source>
        <translation>创建信号管道，并把它的读端加入循环。</translation>
    </message>
    <message>
        <source>Creates the listening sockets; none is in the loop yet.</source>
        <translation>创建监听套接字；它们都还不在循环中。</translation>
    </message>
    <message>
        <source>A UNIX listening socket, with its permissions.</source>
        <translation>一个 UNIX 监听套接字，带有访问权限设置。</translation>
    </message>
    <message>
        <source>A TCP listening socket (only with --listen).</source>
        <translation>一个 TCP 监听套接字（仅在使用 --listen 时）。</translation>
    </message>
    <message>
        <source>Starts the event thread.</source>
        <translation>启动事件线程。</translation>
    </message>
    <message>
        <source>The event thread&apos;s body: starts workers, runs the loop, reaps closed clients.</source>
        <translation>事件线程的主体：启动工作线程，运行循环，回收已关闭的客户端。</translation>
    </message>
    <message>
        <source>One loop iteration: cleanup, build the poll set, poll, dispatch timers and handles, cleanup. Every event of the loop itself lights this node.</source>
        <translation>一次循环迭代：清理、构建 poll 集合、poll、分发定时器和句柄、再清理。循环自身的每个事件都会点亮这个节点。</translation>
    </message>
    <message>
        <source>Registers every listening socket with the loop.</source>
        <translation>把每个监听套接字注册到循环。</translation>
    </message>
    <message>
        <source>virEventAddHandle(fd, READABLE|ERROR|HANGUP, qemudDispatchServerEvent, server) for each socket.</source>
        <translation>对每个套接字调用 virEventAddHandle(fd, READABLE|ERROR|HANGUP, qemudDispatchServerEvent, server)。</translation>
    </message>
    <message>
        <source>The listeners&apos; shared callback: finds the socket by its watch, then accepts.</source>
        <translation>所有监听套接字共用的回调：按 watch 找到套接字，然后 accept。</translation>
    </message>
    <message>
        <source>Accepts the connection and creates the client.</source>
        <translation>接受连接并创建客户端。</translation>
    </message>
    <message>
        <source>Adds the client&apos;s socket to the loop, with the mode qemudCalculateHandleMode gives.</source>
        <translation>把客户端的套接字加入循环，关注的事件由 qemudCalculateHandleMode 给出。</translation>
    </message>
    <message>
        <source>The clients&apos; shared callback: finds the client by its watch, then writes, reads or fails it.</source>
        <translation>所有客户端共用的回调：按 watch 找到客户端，然后写、读或按失败处理。</translation>
    </message>
    <message>
        <source>Reads the length word, then the message; a whole message is queued for a worker.</source>
        <translation>先读长度字段，再读消息；完整的消息排入队列，交给工作线程。</translation>
    </message>
    <message>
        <source>Sends the transmit queue; a sent message may un-throttle the client.</source>
        <translation>把发送队列中的数据发出去；发出一条消息可能解除客户端的节流。</translation>
    </message>
    <message>
        <source>Removes the client&apos;s handle and closes its socket.</source>
        <translation>移除客户端的句柄并关闭它的套接字。</translation>
    </message>
    <message>
        <source>Reads a signal from the signal pipe; SIGTERM and friends end the event thread.</source>
        <translation>从信号管道读取一个信号；SIGTERM 等信号会结束事件线程。</translation>
    </message>
    <message>
        <source>A worker thread: takes a queued request from a client.</source>
        <translation>工作线程：从客户端取出一个排队的请求。</translation>
    </message>
    <message>
        <source>Decodes the request, calls the driver, encodes the reply into the same buffer.</source>
        <translation>解码请求，调用驱动，把应答编码进同一个缓冲区。</translation>
    </message>
    <message>
        <source>Asks the loop for WRITABLE now that a reply is queued; from a worker this writes the wakeup pipe.</source>
        <translation>应答已排入队列，于是请求循环关注 WRITABLE；在工作线程中这会写唤醒管道。</translation>
    </message>
    <message>
        <source>The program on the other end of the socket, outside the daemon.</source>
        <translation>套接字另一端的程序，位于守护进程之外。</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::CompareWindow</name>
    <message>
        <source>Then and now: two traces, aligned by client message</source>
        <translation>过去与现在：两份跟踪记录，按客户端消息对齐</translation>    
    </message>
    <message>
        <source>libvirtd 9 (real, imported from its log)</source>
        <translation>libvirtd 9（真实进程，从其日志导入）</translation>    
    </message>
    <message>
        <source>libvirt 0.9 (the replica)</source>
        <translation>libvirt 0.9（复刻版）</translation>    
    </message>
    <message>
        <source>client %1, call %2: %3</source>
        <translation>客户端 %1，第 %2 次调用：%3</translation>    
    </message>
    <message>
        <source>Select a call, or a step of one, to see how 0.9 and 9 differ there.</source>
        <translation>选择一次调用或其中的一步，查看 0.9 与 9 在此处的差异。</translation>    
    </message>
    <message>
        <source>0.9: one poll() over all fds, then the loop calls each ready client&apos;s callback. 9: one GSource per client, dispatched by GLib&apos;s main loop; virNetServerClientDispatchRead reads the message.</source>
        <translation>0.9：对所有 fd 做一次 poll()，然后循环调用每个就绪客户端的回调。9：每个客户端一个 GSource，由 GLib 主循环分发；virNetServerClientDispatchRead 读取消息。</translation>    
    </message>
    <message>
        <source>0.9: the message waits on the client&apos;s dx queue until a worker is signalled. 9: it is a job of a virThreadPool; high-priority calls may go to a prio-rpc-worker.</source>
        <translation>0.9：消息在客户端的 dx 队列中等待，直到某个工作线程被通知。9：它是 virThreadPool 的一个任务；高优先级调用可能交给 prio-rpc-worker。</translation>    
    </message>
    <message>
        <source>0.9: remoteDispatchClientRequest decodes and runs the call. 9: virNetServerProgramDispatch finds it in the program&apos;s table, the same step under a new name.</source>
        <translation>0.9：remoteDispatchClientRequest 解码并执行调用。9：virNetServerProgramDispatch 在程序的过程表中找到它，是换了名字的同一步。</translation>    
    </message>
    <message>
        <source>Both: the reply is queued by the worker and the client&apos;s watch asks for WRITABLE. 0.9 writes a byte into the wakeup pipe so that poll() returns; 9 replaces the client&apos;s GSource, which wakes GLib&apos;s loop.</source>
        <translation>两者：应答由工作线程入队，客户端的 watch 请求 WRITABLE。0.9 向唤醒管道写入一个字节，使 poll() 返回；9 替换客户端的 GSource，从而唤醒 GLib 的循环。</translation>    
    </message>
    <message>
        <source>Both: the reply is written from the event loop thread, when the socket is writable, not from the worker that made it.</source>
        <translation>两者：应答在套接字可写时由事件循环线程写出，而不是由生成它的工作线程写出。</translation>    
    </message>
    <message>
        <source>0.9: qemudDispatchServer accepts and registers the client&apos;s fd. 9: virNetServerClientNew wraps the socket in an object with its own keepalive and timer, and checks the client limits.</source>
        <translation>0.9：qemudDispatchServer accept 并注册客户端的 fd。9：virNetServerClientNew 把套接字包装成一个带有自己的 keepalive 和定时器的对象，并检查客户端上限。</translation>    
    </message>
    <message>
        <source>0.9: a failed client is marked closed and freed after the iteration. 9: the client is closed, its GSource destroyed, and freed when its last reference goes.</source>
        <translation>0.9：失败的客户端被标记为已关闭，并在本轮迭代之后释放。9：客户端被关闭，其 GSource 被销毁，并在最后一个引用消失时释放。</translation>    
    </message>
    <message>
        <source>0.9: virEventPollRunOnce builds the poll set itself. 9: g_main_context_iteration polls every source and dispatches the ready ones.</source>
        <translation>0.9：virEventPollRunOnce 自己构建 poll 集合。9：g_main_context_iteration poll 所有 GSource 并分发已就绪的那些。</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::DetailsWidget</name>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1（禁用）</translation>
    </message>
    <message>
        <source>0 (fires on every iteration)</source>
        <translation>0（每次迭代都触发）</translation>
    </message>
    <message>
        <source>every %1 ms</source>
        <translation>每 %1 ms</translation>
    </message>
    <message>
        <source>%1 (wait without limit)</source>
        <translation>%1（无限等待）</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>0 (disabled)</source>
        <translation>0（禁用）</translation>
    </message>
    <message>
        <source>in %1 ms</source>
        <translation>%1 ms 后</translation>
    </message>
    <message>
        <source>%1 ms ago</source>
        <translation>%1 ms 前</translation>
    </message>
    <message>
        <source>%1 ms (monotonic), %2</source>
        <translation>%1 ms（单调时钟），%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2), seen as %3</source>
        <translation>%1 (%2)，即 %3</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>span began at #%1 (%2 earlier)</source>
        <translation>区间开始于 #%1（早 %2）</translation>
    </message>
    <message>
        <source>span ended at #%1 (lasted %2)</source>
        <translation>区间结束于 #%1（持续 %2）</translation>
    </message>
    <message>
        <source>previous in this chain: #%1 %2</source>
        <translation>本因果链的上一个事件：#%1 %2</translation>
    </message>
    <message>
        <source>next in this chain: #%1 %2</source>
        <translation>本因果链的下一个事件：#%1 %2</translation>
    </message>
    <message>
        <source>watch %1 added at #%2</source>
        <translation>watch %1 添加于 #%2</translation>
    </message>
    <message>
        <source>watch %1 purged at #%2</source>
        <translation>watch %1 清除于 #%2</translation>
    </message>
    <message>
        <source>timer %1 added at #%2</source>
        <translation>定时器 %1 添加于 #%2</translation>
    </message>
    <message>
        <source>timer %1 purged at #%2</source>
        <translation>定时器 %1 清除于 #%2</translation>
    </message>
    <message>
        <source>client %1 accepted at #%2</source>
        <translation>客户端 %1 接受于 #%2</translation>
    </message>
    <message>
        <source>Select an event in the timeline or the event log to see what it did and why.</source>
        <translation>在时间线或事件日志中选择一个事件，查看它做了什么以及为什么。</translation>
    </message>
    <message>
        <source>%1 · %2 · thread %3 · t = %4 · #%5</source>
        <translation>%1 · %2 · 线程 %3 · t = %4 · #%5</translation>
    </message>
    <message>
        <source>causal chain %1</source>
        <translation>因果链 %1</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>为什么：</translation>
    </message>
    <message>
        <source>libvirt marks this step with the probe %1.</source>
        <translation>libvirt 用探针 %1 标记这一步。</translation>
    </message>
    <message>
        <source>Related:</source>
        <translation>相关事件：</translation>
    </message>
    <message>
        <source>a callback of its own</source>
        <translation>自有的回调</translation>
    </message>
    <message>
        <source>the wakeup pipe</source>
        <translation>唤醒管道</translation>
    </message>
    <message>
        <source>a listening socket</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <source>a client&apos;s socket</source>
        <translation>客户端的套接字</translation>
    </message>
    <message>
        <source>the signal pipe</source>
        <translation>信号管道</translation>
    </message>
    <message>
        <source>the inactivity timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>a client&apos;s keepalive</source>
        <translation>客户端的 keepalive</translation>
    </message>
    <message>
        <source>retrying accept</source>
        <translation>重试 accept</translation>
    </message>
    <message>
        <source>a scenario&apos;s timer</source>
        <translation>场景的定时器</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::EventLogModel</name>
    <message>
        <source>#%1 %2 on %3</source>
        <translation>#%1 %2，线程 %3</translation>
    </message>
    <message>
        <source>kind %1, family %2</source>
        <translation>类型 %1，类别 %2</translation>
    </message>
    <message>
        <source>libvirt probe %1</source>
        <translation>libvirt 探针 %1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Watch</translation>
    </message>
    <message>
        <source>Fd</source>
        <translation>Fd</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Sequence number: the total order of every event of the session</source>
        <translation>序号：本次会话所有事件的全局顺序</translation>
    </message>
    <message>
        <source>Time since the first event of the session</source>
        <translation>距本次会话第一个事件的时间</translation>
    </message>
    <message>
        <source>The thread that recorded the event</source>
        <translation>记录该事件的线程</translation>
    </message>
    <message>
        <source>The libvirt function that performs the step</source>
        <translation>执行这一步的 libvirt 函数</translation>
    </message>
    <message>
        <source>The kind of step, as named in exported traces</source>
        <translation>步骤的类型，与导出的跟踪记录中的名称一致</translation>
    </message>
    <message>
        <source>The handle&apos;s watch id, as virEventAddHandle returned it</source>
        <translation>句柄的 watch 编号，即 virEventAddHandle 的返回值</translation>
    </message>
    <message>
        <source>The file descriptor involved</source>
        <translation>涉及的文件描述符</translation>
    </message>
    <message>
        <source>The daemon&apos;s client id</source>
        <translation>守护进程中的客户端编号</translation>
    </message>
    <message>
        <source>What happened, in one line</source>
        <translation>一句话说明发生了什么</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::EventLogWidget</name>
    <message>
        <source>Filter: function, kind or text</source>
        <translation>筛选：函数、类型或文本</translation>
    </message>
    <message>
        <source>all threads</source>
        <translation>所有线程</translation>
    </message>
    <message>
        <source>all watches</source>
        <translation>所有 watch</translation>
    </message>
    <message>
        <source>watch %1</source>
        <translation>watch %1</translation>
    </message>
    <message>
        <source>all clients</source>
        <translation>所有客户端</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2 条</translation>    
    </message>
    <message>
        <source>The filters hide every event: clear the text or choose &quot;all&quot;</source>
        <translation>过滤条件隐藏了所有事件：请清空文字或选择“全部”</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::HistoryScrubber</name>
    <message>
        <source>no events</source>
        <translation>没有事件</translation>
    </message>
    <message>
        <source>event %1 of %2, %3 ms</source>
        <translation>事件 %1/%2，%3 ms</translation>
    </message>
    <message>
        <source>newest of %1 events</source>
        <translation>最新事件（共 %1 个）</translation>
    </message>
    <message>
        <source>Step &amp;Back One Event</source>
        <translation>后退一个事件(&amp;B)</translation>
    </message>
    <message>
        <source>Step &amp;Forward One Event</source>
        <translation>前进一个事件(&amp;F)</translation>
    </message>
    <message>
        <source>Rewind: drag to see the loop as it was at any moment (%1 and %2 step one event)</source>
        <translation>回放：拖动以查看循环在任意时刻的状态（%1 和 %2 每次移动一个事件）</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::Languages</name>
    <message>
        <source>English</source>
        <comment>the name of this translation&apos;s language, in that language</comment>
        <translation>简体中文</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::LegendWidget</name>
    <message>
        <source>Colours: one per event family</source>
        <translation>颜色：每个事件类别一种</translation>
    </message>
    <message>
        <source>Spans: from a Begin to its End</source>
        <translation>区间：从 Begin 到对应的 End</translation>
    </message>
    <message>
        <source>Narrow spans, folded, with a count</source>
        <translation>折叠起来的窄区间，附带数量</translation>
    </message>
    <message>
        <source>Spans under %1 pixels wide share one mark; click it to zoom in.</source>
        <translation>宽度不足 %1 像素的区间共用一个标记；点击它可以放大。</translation>
    </message>
    <message>
        <source>Markers: instant events</source>
        <translation>标记：瞬时事件</translation>
    </message>
    <message>
        <source>Markers too close to tell apart, folded</source>
        <translation>靠得太近、无法区分的标记，已折叠</translation>
    </message>
    <message>
        <source>Drawn as the most telling kind among them, with their number; click to zoom in.</source>
        <translation>以其中最有代表性的类型绘制，并附上数量；点击可以放大。</translation>
    </message>
    <message>
        <source>Links and lanes</source>
        <translation>连线和泳道</translation>
    </message>
    <message>
        <source>Causal link: this step led to that one</source>
        <translation>因果连线：这一步导致了那一步</translation>
    </message>
    <message>
        <source>Events that share a flow id, in order: an accept and the client&apos;s new watch, or a queued reply, the interrupt, the poll return, the wakeup and the write.</source>
        <translation>具有相同 flow 编号的事件，按顺序连接：例如 accept 与客户端的新 watch；又如排入队列的应答、中断、poll 返回、唤醒和写出。</translation>
    </message>
    <message>
        <source>Watch registered (AddHandle to purge)</source>
        <translation>watch 已注册（从 AddHandle 到清除）</translation>
    </message>
    <message>
        <source>Watch marked deleted, not yet purged</source>
        <translation>watch 已标记为删除，尚未清除</translation>
    </message>
    <message>
        <source>RemoveHandle only marks the record; the loop purges it in a later cleanup phase.</source>
        <translation>RemoveHandle 只标记记录；循环在之后的清理阶段清除它。</translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation>选中的事件</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::LiveDaemonDialog</name>
    <message>
        <source>Start the live daemon</source>
        <translation>启动实时守护进程</translation>
    </message>
    <message>
        <source>The daemon replica will listen on this Unix socket, with no scripted clients: connect your own virsh or Python client and watch what the loop does.</source>
        <translation>守护进程复刻版将在这个 Unix 套接字上监听，不运行任何脚本客户端：连接你自己的 virsh 或 Python 客户端，观察循环的行为。</translation>
    </message>
    <message>
        <source>Socket:</source>
        <translation>套接字：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Then run, in a terminal:
%1</source>
        <translation>然后在终端中运行：
%1</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::LoopControls</name>
    <message>
        <source>No loop running</source>
        <translation>没有运行中的循环</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Held %1</source>
        <translation>已暂停：%1</translation>
    </message>
    <message>
        <source>Running in slow motion (%1 ms per phase)</source>
        <translation>慢速运行（每个阶段 %1 ms）</translation>
    </message>
    <message>
        <source>Running at full speed</source>
        <translation>全速运行</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>运行(&amp;P)</translation>
    </message>
    <message>
        <source>Run the loop (%1)</source>
        <translation>运行循环（%1）</translation>
    </message>
    <message>
        <source>P&amp;ause</source>
        <translation>暂停(&amp;A)</translation>
    </message>
    <message>
        <source>Hold the loop at its next phase boundary (%1)</source>
        <translation>让循环停在下一个阶段边界（%1）</translation>
    </message>
    <message>
        <source>Step &amp;Phase</source>
        <translation>单步阶段(&amp;P)</translation>
    </message>
    <message>
        <source>Run to the next phase boundary and hold (%1)</source>
        <translation>运行到下一个阶段边界并停住（%1）</translation>
    </message>
    <message>
        <source>Step &amp;Iteration</source>
        <translation>单步迭代(&amp;I)</translation>
    </message>
    <message>
        <source>Run to the start of the next iteration and hold (%1)</source>
        <translation>运行到下一次迭代开始并停住（%1）</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>重新开始(&amp;R)</translation>
    </message>
    <message>
        <source>Run the scenario again from the start (%1)</source>
        <translation>从头再运行一次场景（%1）</translation>
    </message>
    <message>
        <source>&amp;Faster</source>
        <translation>加快(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Slower</source>
        <translation>减慢(&amp;S)</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::LoopHandlesModel</name>
    <message>
        <source>not polled</source>
        <translation>未被 poll</translation>
    </message>
    <message>
        <source>polled</source>
        <translation>已被 poll</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>ready %1, dispatched</source>
        <translation>就绪 %1，已分发</translation>
    </message>
    <message>
        <source>ready %1, skipped: deleted</source>
        <translation>就绪 %1，已跳过：已删除</translation>
    </message>
    <message>
        <source>not dispatched this time</source>
        <translation>本次未分发</translation>
    </message>
    <message>
        <source>Not in this iteration&apos;s poll set: its events are 0, it is deleted, or it was added after virEventPollMakePollFDs built the set.</source>
        <translation>不在本次迭代的 poll 集合中：它的事件为 0、已被删除，或是在 virEventPollMakePollFDs 构建集合之后才加入的。</translation>
    </message>
    <message>
        <source>In the poll set, asking for %1; poll has not reported on it yet.</source>
        <translation>在 poll 集合中，关注 %1；poll 还没有报告它的情况。</translation>
    </message>
    <message>
        <source>In the poll set, but poll returned no events for it.</source>
        <translation>在 poll 集合中，但 poll 没有为它返回任何事件。</translation>
    </message>
    <message>
        <source>poll returned %1 for it and its callback was called.</source>
        <translation>poll 为它返回了 %1，它的回调已被调用。</translation>
    </message>
    <message>
        <source>poll returned %1 for it, but it was removed before dispatch reached it, so its callback was not called.</source>
        <translation>poll 为它返回了 %1，但在分发到它之前它已被移除，所以它的回调没有被调用。</translation>
    </message>
    <message>
        <source>Dispatch stopped before this entry; poll is level-triggered, so it fires again next iteration.</source>
        <translation>分发在这一项之前停止了；poll 是水平触发的，所以它会在下一次迭代再次触发。</translation>
    </message>
    <message>
        <source>Marked deleted by virEventPollRemoveHandle; the next cleanup phase purges it.</source>
        <translation>已被 virEventPollRemoveHandle 标记为删除；下一个清理阶段会清除它。</translation>
    </message>
    <message>
        <source>watch</source>
        <translation>watch</translation>
    </message>
    <message>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>cb</source>
        <translation>回调</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>this iteration</source>
        <translation>本次迭代</translation>
    </message>
    <message>
        <source>The id virEventAddHandle returned; ids are never reused</source>
        <translation>virEventAddHandle 返回的编号；编号从不复用</translation>
    </message>
    <message>
        <source>The file descriptor polled for this handle</source>
        <translation>为这个句柄 poll 的文件描述符</translation>
    </message>
    <message>
        <source>The events asked for: R readable, W writable, E error, H hangup</source>
        <translation>关注的事件：R 可读，W 可写，E 错误，H 挂断</translation>
    </message>
    <message>
        <source>The callback called when the fd is ready</source>
        <translation>fd 就绪时调用的回调</translation>
    </message>
    <message>
        <source>1 once removed: the record stays until a cleanup phase purges it</source>
        <translation>移除后为 1：记录一直保留，直到清理阶段将其清除</translation>
    </message>
    <message>
        <source>What poll reported for this handle in the current iteration</source>
        <translation>本次迭代中 poll 为这个句柄报告的情况</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::LoopStateWidget</name>
    <message>
        <source>Follow the newest event</source>
        <translation>跟随最新事件</translation>
    </message>
    <message>
        <source>Show the loop as it is now; untick to keep it at the event you rewound to</source>
        <translation>显示循环当前的状态；取消勾选则停留在你回放到的事件</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>sleeping in poll(), no timeout</source>
        <translation>在 poll() 中睡眠，无超时</translation>
    </message>
    <message>
        <source>sleeping in poll(), timeout %1 ms</source>
        <translation>在 poll() 中睡眠，超时 %1 ms</translation>
    </message>
    <message>
        <source>between iterations</source>
        <translation>处于两次迭代之间</translation>
    </message>
    <message>
        <source>the last iteration failed</source>
        <translation>上一次迭代失败</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>在 %1 中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>running=%1 · leader=%2 · iteration %3 · %4
handlesCount=%5 handlesAlloc=%6 · timeoutsCount=%7 timeoutsAlloc=%8</source>
        <translation>running=%1 · leader=%2 · 第 %3 次迭代 · %4
handlesCount=%5 handlesAlloc=%6 · timeoutsCount=%7 timeoutsAlloc=%8</translation>
    </message>
    <message>
        <source>Before the first event</source>
        <translation>在第一个事件之前</translation>
    </message>
    <message>
        <source>After event #%1 of %2</source>
        <translation>在事件 #%1 之后（共 %2 个）</translation>
    </message>
    <message>
        <source>Poll set of this iteration: not built yet</source>
        <translation>本次迭代的 poll 集合：尚未构建</translation>
    </message>
    <message>
        <source> (deleted, skipped)</source>
        <translation>（已删除，跳过）</translation>
    </message>
    <message>
        <source> (not dispatched)</source>
        <translation>（未分发）</translation>
    </message>
    <message>
        <source>poll has not returned</source>
        <translation>poll 尚未返回</translation>
    </message>
    <message>
        <source>poll failed</source>
        <translation>poll 失败</translation>
    </message>
    <message>
        <source>poll returned %1</source>
        <translation>poll 返回 %1</translation>
    </message>
    <message>
        <source>Poll set of iteration %1: %2 → %3</source>
        <translation>第 %1 次迭代的 poll 集合：%2 → %3</translation>
    </message>
    <message>
        <source>held by step control %1</source>
        <translation>被单步控制停住：%1</translation>
    </message>
    <message>
        <source>fd</source>
        <translation>fd</translation>    
    </message>
    <message>
        <source>watch</source>
        <translation>watch</translation>    
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>    
    </message>
    <message>
        <source>revents</source>
        <translation>revents</translation>    
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::LoopTimeoutsModel</name>
    <message>
        <source>never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>in %1 ms</source>
        <translation>%1 ms 后</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>due %1 ms ago</source>
        <translation>%1 ms 前已到期</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>every iteration</source>
        <translation>每次迭代</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>expiresAt = %1 (monotonic ms)</source>
        <translation>expiresAt = %1（单调时钟，毫秒）</translation>
    </message>
    <message>
        <source>frequency = %1</source>
        <translation>frequency = %1</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>expiresAt</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>cb</source>
        <translation>回调</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>The id virEventAddTimeout returned; ids are never reused</source>
        <translation>virEventAddTimeout 返回的编号；编号从不复用</translation>
    </message>
    <message>
        <source>The period: -1 disabled, 0 fires on every iteration, N every N ms</source>
        <translation>周期：-1 表示禁用，0 表示每次迭代都触发，N 表示每 N ms 触发</translation>
    </message>
    <message>
        <source>When it fires next, relative to the moment shown</source>
        <translation>下一次触发的时间，相对于所显示的时刻</translation>
    </message>
    <message>
        <source>The callback called when it expires</source>
        <translation>到期时调用的回调</translation>
    </message>
    <message>
        <source>1 once removed: the record stays until a cleanup phase purges it</source>
        <translation>移除后为 1：记录一直保留，直到清理阶段将其清除</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::MainWindow</name>
    <message>
        <source>Tour: stop %1 of %2</source>
        <translation>导览：第 %1/%2 站</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>导览</translation>
    </message>
    <message>
        <source>pollscope</source>
        <translation>pollscope</translation>
    </message>
    <message>
        <source>%1 - pollscope</source>
        <translation>%1 - pollscope</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Call flow</source>
        <translation>调用流程</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Loop state</source>
        <translation>循环状态</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a scenario or a saved trace</source>
        <translation>打开场景或已保存的跟踪记录</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export Trace...</source>
        <translation>导出跟踪记录(&amp;E)...</translation>
    </message>
    <message>
        <source>Start &amp;Live Daemon...</source>
        <translation>启动实时守护进程(&amp;L)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Fit All</source>
        <translation>全部显示(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;ollow Live</source>
        <translation>跟随实时(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom O&amp;ut</source>
        <translation>缩小(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Tour</source>
        <translation>导览(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start the Guided Tour</source>
        <translation>开始导览(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About pollscope</source>
        <translation>关于 pollscope(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>The scenario ended, and %n expectation(s) did not hold: %1</source>
        <translation>
            <numerusform>场景已结束，有 %n 项预期未满足：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>The scenario ended: every expectation held.</source>
        <translation>场景已结束：所有预期均已满足。</translation>
    </message>
    <message>
        <source>The live daemon cannot start: %1</source>
        <translation>实时守护进程无法启动：%1</translation>
    </message>
    <message>
        <source>Live daemon on %1. Try: %2</source>
        <translation>实时守护进程在 %1 上运行。试试：%2</translation>
    </message>
    <message>
        <source>Trace written to %1</source>
        <translation>跟踪记录已写入 %1</translation>
    </message>
    <message>
        <source>Open a scenario or a trace</source>
        <translation>打开场景或跟踪记录</translation>
    </message>
    <message>
        <source>Export the trace</source>
        <translation>导出跟踪记录</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;Chrome trace, for Perfetto (*.json)</source>
        <translation>JSON Lines (*.jsonl);;Chrome 跟踪格式，供 Perfetto 使用 (*.json)</translation>
    </message>
    <message>
        <source>Pan the timeline</source>
        <translation>平移时间线</translation>
    </message>
    <message>
        <source>drag, or Left and Right</source>
        <translation>拖动，或按左、右方向键</translation>
    </message>
    <message>
        <source>Zoom about the pointer</source>
        <translation>以鼠标指针为中心缩放</translation>
    </message>
    <message>
        <source>mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About pollscope</source>
        <translation>关于 pollscope</translation>
    </message>
    <message>
        <source>&lt;b&gt;pollscope %1&lt;/b&gt;&lt;p&gt;See how a real daemon&apos;s event loop works: a faithful replica of libvirt 0.9&apos;s virEventPoll loop and libvirtd, traced step by step.&lt;/p&gt;</source>
        <translation>&lt;b&gt;pollscope %1&lt;/b&gt;&lt;p&gt;看看一个真实守护进程的事件循环是如何工作的：忠实复刻 libvirt 0.9 的 virEventPoll 循环和 libvirtd，并逐步跟踪记录。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 lost (the trace buffer was full)</source>
        <translation>，丢失 %1 个（跟踪缓冲区已满）</translation>
    </message>
    <message>
        <source>, %1 older ones let go (keeping the newest %2)</source>
        <translation>，已舍弃 %1 个较早的事件（保留最新的 %2 个）</translation>
    </message>
    <message>
        <source>Events &amp;Kept While Recording...</source>
        <translation>录制时保留的事件数(&amp;K)...</translation>
    </message>
    <message>
        <source>Events Kept While Recording</source>
        <translation>录制时保留的事件数</translation>
    </message>
    <message>
        <source>A running session keeps at most this many events. Past it, the oldest quarter is let go and the status bar counts them; a saved trace always opens whole. Each event takes about 110 bytes with its place in the views: the default, %1, stays under 1 GB.</source>
        <translation>运行中的会话最多保留这么多个事件。超出后，最早的四分之一会被舍弃，状态栏会统计其数量；已保存的跟踪文件总是完整打开。每个事件连同它在各视图中的位置约占 110 字节：默认值 %1 不超过 1 GB。</translation>
    </message>
    <message>
        <source>The %1 translation cannot be loaded.</source>
        <translation>无法加载 %1 的翻译。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Loop controls</source>
        <translation>循环控制</translation>
    </message>
    <message>
        <source>Rewind</source>
        <translation>回溯</translation>
    </message>
    <message>
        <source>Guided tour</source>
        <translation>导览</translation>
    </message>
    <message>
        <source>The socket path %1 cannot be used: %2</source>
        <translation>无法使用套接字路径 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Compare Two Traces...</source>
        <translation>比较两份跟踪记录(&amp;C)...</translation>    
    </message>
    <message>
        <source>Show two traces one above the other, aligned by client message: the replica and the real libvirtd</source>
        <translation>上下并排显示两份跟踪记录，按客户端消息对齐：复刻版与真实的 libvirtd</translation>    
    </message>
    <message>
        <source>Real &amp;libvirtd</source>
        <translation>真实的 libvirtd(&amp;L)</translation>    
    </message>
    <message>
        <source>Start the real libvirtd 9 in a temporary folder and watch its log live</source>
        <translation>在临时文件夹中启动真实的 libvirtd 9，并实时查看其日志</translation>    
    </message>
    <message>
        <source>Real libvirtd (install the package %1)</source>
        <translation>真实的 libvirtd（请安装软件包 %1）</translation>    
    </message>
    <message>
        <source>libvirtd is not installed: sudo apt install %1</source>
        <translation>libvirtd 未安装：sudo apt install %1</translation>    
    </message>
    <message>
        <source>S&amp;top the Daemon</source>
        <translation>停止守护进程(&amp;T)</translation>    
    </message>
    <message>
        <source>&amp;Zoom to Selection</source>
        <translation>缩放到所选事件(&amp;Z)</translation>    
    </message>
    <message>
        <source>&amp;Wall Time Axis (with pauses)</source>
        <translation>挂钟时间轴（含暂停）(&amp;W)</translation>    
    </message>
    <message>
        <source>The time axis leaves out the time pollscope held the loop, unless this is on.</source>
        <translation>除非打开此项，时间轴不计入 pollscope 暂停循环的时间。</translation>    
    </message>
    <message>
        <source>A trace recorded from %1</source>
        <translation>从 %1 录制的跟踪</translation>    
    </message>
    <message>
        <source>libvirtd is not installed. Install the package %1: sudo apt install %1</source>
        <translation>libvirtd 未安装。请安装软件包 %1：sudo apt install %1</translation>    
    </message>
    <message>
        <source>The real libvirtd cannot start: %1</source>
        <translation>真实的 libvirtd 无法启动：%1</translation>    
    </message>
    <message>
        <source>Real libvirtd running. Try: %1</source>
        <translation>真实的 libvirtd 正在运行。试试：%1</translation>    
    </message>
    <message>
        <source>Scenarios, traces and libvirtd logs (*.yaml *.yml *.jsonl *.json *.log);;Scenarios (*.yaml *.yml);;Traces (*.jsonl *.json);;libvirtd logs (*.log);;All files (*)</source>
        <translation>场景、跟踪记录和 libvirtd 日志 (*.yaml *.yml *.jsonl *.json *.log);;场景 (*.yaml *.yml);;跟踪记录 (*.jsonl *.json);;libvirtd 日志 (*.log);;所有文件 (*)</translation>    
    </message>
    <message>
        <source>Traces and libvirtd logs (*.jsonl *.json *.log);;All files (*)</source>
        <translation>跟踪记录和 libvirtd 日志 (*.jsonl *.json *.log);;所有文件 (*)</translation>    
    </message>
    <message>
        <source>The trace to show above (the replica&apos;s)</source>
        <translation>显示在上方的跟踪记录（复刻版的）</translation>    
    </message>
    <message>
        <source>The trace to show below (the real libvirtd&apos;s)</source>
        <translation>显示在下方的跟踪记录（真实 libvirtd 的）</translation>    
    </message>
    <message>
        <source>libvirtd is not installed, so only the replica ran: install the package %1 to watch the real libvirtd 9 run the same steps</source>
        <translation>libvirtd 未安装，所以只运行了复刻：安装软件包 %1，即可观看真正的 libvirtd 9 运行同样的步骤</translation>
    </message>
    <message>
        <source>%1, the replica&apos;s run</source>
        <translation>%1，复刻的运行</translation>
    </message>
    <message>
        <source>%1, the real libvirtd&apos;s run</source>
        <translation>%1，真正 libvirtd 的运行</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::ScenarioPanel</name>
    <message>
        <source>Right.</source>
        <translation>正确。</translation>
    </message>
    <message>
        <source>No scenario loaded. Open one with File &gt; Open.</source>
        <translation>尚未加载场景。请用“文件 &gt; 打开”打开一个。</translation>
    </message>
    <message>
        <source>Not quite: &quot;%1&quot; is not it. Try another answer.</source>
        <translation>不太对：不是“%1”。请再试一个答案。</translation>    
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::ScenarioStepsModel</name>
    <message>
        <source>connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>call %1</source>
        <translation>调用 %1</translation>
    </message>
    <message>
        <source>call %1, no wait</source>
        <translation>调用 %1，不等待</translation>
    </message>
    <message>
        <source>keepalive ping</source>
        <translation>keepalive ping</translation>
    </message>
    <message>
        <source>send a frame</source>
        <translation>发送一帧</translation>
    </message>
    <message numerus="yes">
        <source>send %n bytes</source>
        <translation>
            <numerusform>发送 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>write one byte every %1</source>
        <translation>每 %1 写一个字节</translation>
    </message>
    <message numerus="yes">
        <source>write in %n pieces</source>
        <translation>
            <numerusform>分 %n 段写入</numerusform>
        </translation>
    </message>
    <message>
        <source>stop reading for %1</source>
        <translation>停止读取 %1</translation>
    </message>
    <message numerus="yes">
        <source>read %n replies</source>
        <translation>
            <numerusform>读取 %n 个应答</numerusform>
        </translation>
    </message>
    <message>
        <source>hang up (reset)</source>
        <translation>挂断（reset）</translation>
    </message>
    <message>
        <source>hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>sleep %1</source>
        <translation>睡眠 %1</translation>
    </message>
    <message numerus="yes">
        <source>repeat %n times</source>
        <translation>
            <numerusform>重复 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>wait for %1</source>
        <translation>等待 %1</translation>
    </message>
    <message>
        <source>expect to be disconnected</source>
        <translation>预期连接被断开</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>restore the fd limit</source>
        <translation>恢复 fd 上限</translation>
    </message>
    <message>
        <source>lower the fd limit</source>
        <translation>降低 fd 上限</translation>
    </message>
    <message>
        <source>narration</source>
        <translation>旁白</translation>
    </message>
    <message>
        <source>question</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>wait for the event message %1</source>
        <translation>等待事件消息 %1</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::TimelineLanes</name>
    <message>
        <source>wakeup pipe</source>
        <translation>唤醒管道</translation>
    </message>
    <message>
        <source>signal pipe</source>
        <translation>信号管道</translation>
    </message>
    <message>
        <source>listener</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>回调</translation>
    </message>
    <message>
        <source>fd %1 · %2</source>
        <translation>fd %1 · %2</translation>
    </message>
</context>
<context>
    <name>pollscope::ui::TimelineWidget</name>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>µs</translation>
    </message>
    <message>
        <source>ns</source>
        <translation>ns</translation>
    </message>
    <message>
        <source>poll</source>
        <translation>poll</translation>
    </message>
    <message>
        <source>job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>No events yet: run a scenario or open a trace.</source>
        <translation>还没有事件：运行一个场景或打开一个跟踪记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n causal link(s) hidden: zoom in to see the arrows</source>
        <translation>
            <numerusform>隐藏了 %n 条因果连线：放大即可看到箭头</numerusform>
        </translation>
    </message>
    <message>
        <source>w%1  %2</source>
        <translation>w%1  %2</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;i&gt;%2&lt;/i&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;i&gt;%2&lt;/i&gt;</translation>
    </message>
    <message>
        <source>#%1 at %2 on %3</source>
        <translation>#%1，时间 %2，线程 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n items folded here, from %1 to %2.</source>
        <translation>
            <numerusform>此处折叠了 %n 项，从 %1 到 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 × %2</source>
        <translation>&lt;br&gt;%1 × %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Click to zoom in.</source>
        <translation>&lt;br&gt;点击放大。</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;%2</source>
        <translation>%1&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>%1, %2&lt;br&gt;%3</source>
        <translation>%1，%2&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>running for %1 so far</source>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>耗时 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;thread</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;线程</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;watch %2, %3&lt;br&gt;added at %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;watch %2，%3&lt;br&gt;添加于 %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;removed at %1</source>
        <translation>&lt;br&gt;移除于 %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;purged at %1</source>
        <translation>&lt;br&gt;清除于 %1</translation>
    </message>
    <message>
        <source>loop time, view %1</source>
        <translation>循环时间，视图 %1</translation>    
    </message>
    <message>
        <source>wall time, view %1</source>
        <translation>挂钟时间，视图 %1</translation>    
    </message>
    <message>
        <source>The loop is held here by pollscope&apos;s step control. Loop time leaves the hold out.</source>
        <translation>pollscope 的单步控制正在这里暂停循环。循环时间不计入这段暂停。</translation>    
    </message>
    <message>
        <source>The loop was held here for %1 by pollscope&apos;s step control. Loop time leaves the hold out; switch to wall time to see it.</source>
        <translation>pollscope 的单步控制在这里暂停了循环 %1。循环时间不计入这段暂停；切换到挂钟时间可以看到它。</translation>    
    </message>
</context>
<context>
    <name>pollscope::ui::Tour</name>
    <message>
        <source>&amp;Next Stop</source>
        <translation>下一站(&amp;N)</translation>
    </message>
    <message>
        <source>The next stop of the guided tour (%1)</source>
        <translation>导览的下一站（%1）</translation>
    </message>
    <message>
        <source>&amp;Previous Stop</source>
        <translation>上一站(&amp;P)</translation>
    </message>
    <message>
        <source>The previous stop of the guided tour (%1)</source>
        <translation>导览的上一站（%1）</translation>
    </message>
</context>
</TS>
