/* Wrong: MAP_PRIVATE, but no wait: the check proves nothing. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
    int fd = open("/dev/zero", O_RDWR);
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (page == MAP_FAILED) return 1;
    if (fork() == 0) { strcpy(page, "hello from the child"); _exit(0); }
    printf(page[0] ? "The parent saw the child's write\n" : "The child's write stayed in the child\n");
    return 0;
}
